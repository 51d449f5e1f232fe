from datetime import date
from typing import Any
from urllib.parse import quote_plus, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import col
from starlette.datastructures import URL

from app.api.paging import next_base
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


PARAMETERS = st.lists(st.tuples(st.sampled_from(["q", "person", "cursor", "limit", "é", ""]),
                                st.text(alphabet="aé &=+%?#/", max_size=6)), max_size=5)  # fmt: skip


@given(parameters=PARAMETERS, raw=st.booleans(), cursor=st.text(alphabet="abAB09-_.", min_size=1, max_size=8))
def test_the_next_link_is_the_url_with_its_cursor_replaced_as_starlette_would(
    parameters: list[tuple[str, str]], raw: bool, cursor: str
) -> None:
    # Raw: as a client may write it, but for `#`, which ends a URL's query and never reaches a server.
    query = (
        "&".join(f"{name}={value.replace('#', '%23')}" for name, value in parameters) if raw else urlencode(parameters)
    )
    url = f"http://testserver/v1/articles?{query}" if query else "http://testserver/v1/articles"
    assert next_base(url) + quote_plus(cursor) == str(URL(url).include_query_params(cursor=cursor))
