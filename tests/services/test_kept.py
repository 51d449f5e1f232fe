"""What a read connection keeps between requests: at most its limit of rows in all, the least recently used result
dropped first."""

import sqlite3

import pytest

from app.services.prepared import Kept, Row


def kept_with(limit: int) -> tuple[Kept, list[str]]:
    return Kept("sqlite", limit).current(sqlite3.connect(":memory:")), []


@pytest.mark.parametrize(("limit", "expected"), [(2, ["a", "b", "c", "b", "a"]), (0, ["a", "b", "a", "c", "b", "a"])])
def test_the_least_recently_used_result_is_dropped_past_the_limit(limit: int, expected: list[str]) -> None:
    kept, worked_out = kept_with(limit)

    def get(key: str) -> list[Row]:
        return kept.get(key, lambda: worked_out.append(key) or [{"n": key}])

    assert [get(key) for key in "abacba"] == [[{"n": key}] for key in "abacba"]
    assert worked_out == expected
    assert list(kept.results) == ["b", "a"][:limit]


def test_results_are_counted_by_their_rows() -> None:
    kept, _ = kept_with(3)
    for key, rows in (("two", 2), ("empty", 0), ("one", 1), ("four", 4)):
        kept.get(key, lambda rows=rows: [{"n": n} for n in range(rows)])
    assert (list(kept.results), kept.rows) == (["empty", "one"], 2)  # an empty page counts as a row; four is too many
    kept.get("two again", lambda: [{"n": 0}, {"n": 1}])
    assert (list(kept.results), kept.rows) == (["one", "two again"], 3)
