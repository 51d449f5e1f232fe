"""What a read connection keeps between requests: at most its limit of results, the least recently used dropped
first."""

import sqlite3

import pytest

from app.services.prepared import Kept


@pytest.mark.parametrize(("limit", "expected"), [(2, ["a", "b", "c", "b", "a"]), (0, ["a", "b", "a", "c", "b", "a"])])
def test_the_least_recently_used_result_is_dropped_past_the_limit(limit: int, expected: list[str]) -> None:
    kept, worked_out = Kept("sqlite", limit).current(sqlite3.connect(":memory:")), []

    def get(key: str) -> str:
        return kept.get(key, lambda: worked_out.append(key) or key.upper())

    assert [get("a"), get("b"), get("a"), get("c"), get("b"), get("a")] == ["A", "B", "A", "C", "B", "A"]
    assert worked_out == expected
    assert list(kept.results) == ["b", "a"][:limit]
