"""Walking a list page by page while articles arrive: no article is seen twice and none present at the start
is missed, whatever the page sizes, in every date order, filtered or searched, on each database."""

from datetime import date
from itertools import count

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
serial = count()


@pytest.fixture
def macron(add_article: ArticleBuilder) -> ArticleBuilder:
    """Six articles naming Emmanuel Macron, on three days and undated; the builder adds more."""
    for day in DAYS + DAYS[:2]:
        add_article(title=f"Macron, dépêche {next(serial)}", published_at=day,
                    paragraphs=[f"Emmanuel Macron, dépêche {next(serial)}."])  # fmt: skip
    return add_article


async def every_id(client: httpx.AsyncClient, url: str) -> list[int]:
    return [item["id"] for item in (await client.get(url, params={"limit": 100})).json()["data"]]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.sampled_from(LISTS),
    sizes=st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6),
    arrivals=st.lists(st.sampled_from(DAYS), max_size=6),
)
async def test_walk_with_arrivals_has_no_repeat_and_no_gap(
    client: httpx.AsyncClient, macron: ArticleBuilder, url: str, sizes: list[int], arrivals: list[date | None]
) -> None:
    before = await every_id(client, url)
    seen: list[int] = []
    cursor: str | None = None
    for step in count():
        params = {"limit": sizes[step % len(sizes)], **({"cursor": cursor} if cursor else {})}
        page = (await client.get(url, params=params)).json()
        seen += [item["id"] for item in page["data"]]
        cursor = page["meta"]["next_cursor"]
        if cursor is None:
            break
        if step < len(arrivals):
            macron(title=f"Macron, dépêche {next(serial)}", published_at=arrivals[step],
                   paragraphs=[f"Emmanuel Macron, dépêche {next(serial)}."])  # fmt: skip
    assert len(seen) == len(set(seen)), "an article was seen twice"
    assert set(before) <= set(seen), "an article present from the start was missed"
    after = await every_id(client, url)
    assert seen == [article for article in after if article in set(seen)], "the walk left the list's order"
