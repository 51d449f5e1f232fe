import sqlite3
from pathlib import Path

import pytest

from tests.ops.processes import cli

pytestmark = pytest.mark.model
GOOD = "Sommet à Bamako\n\nEmmanuel Macron a rencontré Assimi Goïta à Bamako le 3 mars 2025.\n"


def test_bad_files_are_named_with_their_reason_and_good_ones_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "dépêches"
    folder.mkdir()
    (folder / "binaire.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "vide.txt").write_bytes(b"")
    (folder / "titre seul.txt").write_text("Un titre sans corps\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Été à Paris\n\nLe président était à Paris.\n".encode("latin-1"))
    with (folder / "énorme.txt").open("wb") as big:
        big.truncate(50_000_000)
    (folder / "mon article é.txt").write_text(GOOD, encoding="utf-8")
    (folder / "zz-deuxième.txt").write_text(GOOD.replace("3 mars", "4 mars"), encoding="utf-8")
    missing = tmp_path / "nulle part"
    seed = cli(tmp_path / "news.db", "seed", str(folder), str(missing))
    out, err = seed.communicate(timeout=180)
    assert seed.returncode == 1, err
    assert out.splitlines()[-1] == "loaded 2, updated 0, unchanged 0, failed 6"
    assert [line for line in err.splitlines() if "failed:" in line] == [
        f"  failed: {missing}: no such file or directory",
        f"  failed: {folder / 'binaire.txt'}: binary file (contains NUL bytes), expected UTF-8 text",
        f"  failed: {folder / 'latin1.txt'}: not UTF-8 text (invalid byte 0xc9 at offset 0)",
        f"  failed: {folder / 'titre seul.txt'}: title only: no body paragraphs after the title line",
        f"  failed: {folder / 'vide.txt'}: empty file",
        f"  failed: {folder / 'énorme.txt'}: file too large (50.0 MB, limit 2.0 MB)",
    ]
    with sqlite3.connect(tmp_path / "news.db") as connection:
        files = [row[0] for row in connection.execute("SELECT source_file FROM article ORDER BY id")]
    assert files == ["mon article é.txt", "zz-deuxième.txt"]
