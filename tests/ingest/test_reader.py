from datetime import date

import pytest

from app.ingest.reader import ReadError, build_article, french_date, read_article

ARTICLE = (
    "Titre de la dépêche\n\n"
    "Le président russe Vladimir Poutine à Moscou le 23 juin 2025\n\n"
    "Premier paragraphe du corps.\n\n"
    "Second paragraphe du corps."
)


def test_reads_title_caption_and_body() -> None:
    article = read_article(ARTICLE.encode())
    assert article.title == "Titre de la dépêche"
    assert article.caption == "Le président russe Vladimir Poutine à Moscou le 23 juin 2025"
    assert article.paragraphs == ["Premier paragraphe du corps.", "Second paragraphe du corps."]
    assert article.published_at == date(2025, 6, 23)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + ARTICLE.encode(),
        ("\n\n  \n" + ARTICLE + "\n\n\n").encode(),
        ARTICLE.replace("\n\n", "\n \t\n").encode(),
    ],
    ids=["crlf", "bom", "leading-and-trailing-blank-lines", "whitespace-only-separator-lines"],
)
def test_format_variants_read_the_same(data: bytes) -> None:
    assert read_article(data) == read_article(ARTICLE.encode())


def test_a_sentence_after_the_title_is_body_not_caption() -> None:
    article = read_article(b"Titre\n\nUne phrase complete.\n\nUne autre.")
    assert article.caption is None
    assert article.paragraphs == ["Une phrase complete.", "Une autre."]


def test_a_single_paragraph_after_the_title_is_the_body() -> None:
    article = read_article(b"Titre\n\nLe seul paragraphe sans point")
    assert (article.caption, article.paragraphs) == (None, ["Le seul paragraphe sans point"])


def test_wrapped_paragraph_lines_are_joined() -> None:
    article = read_article(b"Titre\n\nUne phrase\ncoupee en deux.\n\nFin.")
    assert article.paragraphs == ["Une phrase coupee en deux.", "Fin."]


def test_front_matter_overrides_what_is_inferred() -> None:
    text = "---\ntitle: Autre titre\npublished_at: 2024-01-02\nsource: AFP\nurl: https://example.org/a\nlanguage: fr\n---\n"
    article = read_article((text + ARTICLE).encode())
    assert (article.title, article.published_at, article.source) == ("Autre titre", date(2024, 1, 2), "AFP")
    assert (article.url, article.language) == ("https://example.org/a", "fr")


def test_front_matter_datetime_with_offset_keeps_its_calendar_date() -> None:
    article = read_article(("---\npublished_at: 2025-03-01T23:30:00+01:00\n---\n" + ARTICLE).encode())
    assert article.published_at == date(2025, 3, 1)


def test_dateline_wins_over_caption_and_no_date_gives_none() -> None:
    dated = read_article(b"Titre\n\nLegende le 2 mai 2024\n\nDakar, 1er mars 2025 (AFP) - Texte.")
    assert dated.published_at == date(2025, 3, 1)
    assert read_article(b"Titre\n\nCorps sans date, depuis 2012.").published_at is None


def test_content_hash_ignores_line_endings_and_changes_with_text() -> None:
    crlf = read_article(ARTICLE.replace("\n", "\r\n").encode())
    assert crlf.content_hash == read_article(ARTICLE.encode()).content_hash
    assert read_article((ARTICLE + " Ajout.").encode()).content_hash != crlf.content_hash


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \r\n", "empty file"),
        (b"Juste un titre\n", "title only: no body paragraphs after the title line"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), expected UTF-8 text"),
        ("Titre\n\nCaf\xe9 cr\xe8me.".encode("latin-1"), "not UTF-8 text (invalid byte 0xe9 at offset 10)"),
        (b"---\ntitle: x\nTitre\n\nCorps.", "front matter opened with '---' but never closed"),
        (b"---\nauthor: x\n---\nTitre\n\nCorps.", "front matter line 2: expected 'key: value' with a key among "
         "title, published_at, source, url, language"),
        (b"---\npublished_at: hier\n---\nTitre\n\nCorps.", "front matter published_at 'hier' is not an ISO 8601 date"),
        (b"---\nlanguage: french\n---\nTitre\n\nCorps.", "front matter language 'french' is not an ISO 639-1 code"),
    ],
    ids=["empty", "blank", "title-only", "binary", "latin-1", "unclosed-front-matter", "unknown-key", "bad-date",
         "bad-language"],
)  # fmt: skip
def test_bad_files_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as error:
        read_article(data)
    assert str(error.value) == reason


def test_build_article_applies_the_same_rules() -> None:
    article = build_article("Titre", "Une légende", ["Un.", "Deux."], source="AFP", published_at="2025-01-05")
    assert (article.title, article.caption, article.paragraphs) == ("Titre", "Une légende", ["Un.", "Deux."])
    assert (article.source, article.published_at) == ("AFP", date(2025, 1, 5))
    assert build_article("Titre", None, "Un.\n\nDeux.").paragraphs == ["Un.", "Deux."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("le 23 juin 2025", date(2025, 6, 23)), ("1er Août 2024", date(2024, 8, 1)), ("31 février 2024", None),
     ("en 2012", None)],
)  # fmt: skip
def test_french_dates(text: str, expected: date | None) -> None:
    assert french_date(text) == expected
