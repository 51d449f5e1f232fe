"""Walking a list page by page while articles arrive: no article is seen twice and none present at the start
is missed, whatever the page sizes, in every order, filtered or searched, on each database."""

from datetime import date
from itertools import count
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import ArticleBuilder

pytestmark = pytest.mark.anyio
DAYS = [date(2025, 6, day) for day in (1, 2, 3)] + [None]
LISTS = [
    "/v1/articles?sort=-published_at",
    "/v1/articles?sort=published_at",
    "/v1/articles?person=Emmanuel%20Macron&sort=published_at",
    "/v1/articles?q=macron&sort=-published_at",
    "/v1/people/emmanuel-macron/articles",
]
# Relevance. SQLite's bm25 reads statistics of the whole corpus, which arrivals change: a walk is ranked as at its
# first page, and is the list as it was then. PostgreSQL's ts_rank, local to each article, never moves.
RANKED = ["/v1/articles?q=macron", "/v1/articles?q=macron%20OR%20d%C3%A9p%C3%AAche"]
serial = count()


@pytest.fixture
def macron(add_article: ArticleBuilder) -> ArticleBuilder:
    """Six articles naming Emmanuel Macron, on three days and undated; the builder adds more."""
    for day in DAYS + DAYS[:2]:
        add_article(**dispatch(next(serial)), published_at=day)
    return add_article


def dispatch(n: int) -> dict[str, Any]:
    """An article naming Emmanuel Macron; whether its title and body say `dépêche`, and its length, vary with `n`,
    and so does its relevance."""
    title = f"Macron, dépêche {n}" if n % 2 else f"Macron en visite {n}"
    body = f"Emmanuel Macron, dépêche {n}." if n % 3 else f"Emmanuel Macron en visite {n}."
    return {"title": title, "paragraphs": [body + " La visite continue." * (n % 5)]}


async def page_at(client: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    """The page of `url` with `params` added to its query (httpx's `params=` would replace the query)."""
    response = await client.get(httpx.URL(url).copy_merge_params(params))
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def every_id(client: httpx.AsyncClient, url: str) -> list[int]:
    return [item["id"] for item in (await page_at(client, url, limit=100))["data"]]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.sampled_from(LISTS + RANKED),
    sizes=st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6),
    arrivals=st.lists(st.sampled_from(DAYS), max_size=6),
)
async def test_walk_with_arrivals_has_no_repeat_and_no_gap(
    client: httpx.AsyncClient, macron: ArticleBuilder, dialect: str, url: str, sizes: list[int],
    arrivals: list[date | None],
) -> None:  # fmt: skip
    before = await every_id(client, url)
    seen: list[int] = []
    cursor: str | None = None
    for step in count():
        params = {"limit": sizes[step % len(sizes)], **({"cursor": cursor} if cursor else {})}
        page = await page_at(client, url, **params)
        seen += [item["id"] for item in page["data"]]
        cursor = page["meta"]["next_cursor"]
        if cursor is None:
            break
        if step < len(arrivals):
            macron(**dispatch(next(serial)), published_at=arrivals[step])
    assert len(seen) == len(set(seen)), "an article was seen twice"
    assert set(before) <= set(seen), "an article present from the start was missed"
    order = before if dialect == "sqlite" and url in RANKED else await every_id(client, url)
    assert seen == [article for article in order if article in set(seen)], "the walk left the list's order"
