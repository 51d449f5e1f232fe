from datetime import date
from typing import Any

import pytest
from sqlmodel import col

from app.errors import InvalidCursor
from app.models import Article
from app.services.pagination import CURSOR_SECRET, Keyset

NEWEST = Keyset("test:-published_at", (col(Article.published_at), col(Article.id)), descending=True,
                nullable_head=True)  # fmt: skip


@pytest.mark.parametrize("values", [[date(2025, 6, 23), 5], [None, 5]])
def test_cursor_round_trip(values: list[Any]) -> None:
    cursor = NEWEST.encode(values, CURSOR_SECRET)
    assert NEWEST.decode(cursor, CURSOR_SECRET) == values
    assert cursor.isascii() and "=" not in cursor


def test_cursor_is_signed_for_one_keyset_and_one_secret() -> None:
    cursor = NEWEST.encode([date(2025, 6, 23), 5], CURSOR_SECRET)
    with pytest.raises(InvalidCursor):
        NEWEST.scoped("other").decode(cursor, CURSOR_SECRET)
    with pytest.raises(InvalidCursor):
        NEWEST.decode(cursor, b"another secret")


@pytest.mark.parametrize("values", [[5], ["not a date", 5], [1.5, 5], [date(2025, 6, 23), "5"], [None, 5, 6]])
def test_signed_cursor_with_values_of_the_wrong_shape_is_invalid(values: list[Any]) -> None:
    with pytest.raises(InvalidCursor):
        NEWEST.decode(NEWEST.encode(values, CURSOR_SECRET), CURSOR_SECRET)
