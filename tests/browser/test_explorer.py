"""The explorer at `/` in headless Chromium, against a real server on the seeded corpus: search, an article
with its mentions highlighted, entity pages, cursor paging, the map and problem documents, by keyboard too."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SEED_SLUG = "recu-par-poutine-le-chef-de-la-junte-malienne-dit-vouloir-renforcer-les-liens"
SEED_TITLE = 'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou'
SEED_PEOPLE = ["Assimi Goïta", "Vladimir Poutine", "Iounous-Bek Ievkourov", "Sergueï Tsiviliov"]
SEED_PEOPLE_DETAILS = ["chef de la junte malienne, général · 4 mentions", "président russe · 4 mentions",
                       "vice-ministre de la Défense russe · 1 mention", "ministre russe de l'Energie · 1 mention"]  # fmt: skip
# Every person mention of the seed article, in reading order: title, caption, then the paragraphs.
SEED_PERSON_MENTIONS = ["Poutine", "Vladimir Poutine", "Assimi Goita", "Assimi Goïta", "Vladimir Poutine", "Goïta",
                        "Poutine", "Sergueï Tsiviliov", "Iounous-Bek Ievkourov", "Goïta"]  # fmt: skip


def api(base_url: str, path: str, **params: Any) -> Any:
    """What the API itself answers, to hold the page to it."""
    response = httpx.get(f"{base_url}{path}", params=params)
    assert response.status_code == 200
    return response.json()


def screenshot(page: Page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=tmp_path / f"{name}.png", full_page=True)


def test_search_opens_the_seed_article_with_people_highlighted(page: Page, live_server: str, tmp_path: Path) -> None:
    page.goto("/")
    search = page.get_by_label("Search articles")
    search.fill("Goita")
    search.press("Enter")
    expect(page).to_have_url(f"{live_server}/#/articles?q=Goita")
    expect(page.locator(".count")).to_have_text("5 of 5 articles")
    found = api(live_server, "/v1/articles", q="Goita")["data"]
    expect(page.locator(".card h3")).to_have_text([article["title"] for article in found])
    expect(page.locator(".card").nth(1).locator(".snippet mark")).to_have_text(["Goïta"])
    screenshot(page, tmp_path, "search")

    page.get_by_role("link", name=SEED_TITLE).click()
    expect(page).to_have_url(f"{live_server}/#/articles/{SEED_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    expect(page.locator(".article-text a.mention.person")).to_have_text(SEED_PERSON_MENTIONS)
    expect(page.locator(".named.person a")).to_have_text(SEED_PEOPLE)
    expect(page.locator(".named.person .detail")).to_have_text(SEED_PEOPLE_DETAILS)
    # Highlighting wraps words and changes none: the paragraphs read as the API's body.
    body = api(live_server, f"/v1/articles/{SEED_SLUG}")["body"]
    expect(page.locator(".article-text > p:not(.meta):not(.caption)")).to_have_text(body)
    screenshot(page, tmp_path, "article")


def test_a_mention_leads_to_its_person_and_back(page: Page, live_server: str, tmp_path: Path) -> None:
    page.goto(f"/#/articles/{SEED_SLUG}")
    mention = page.locator(".article-text p:not(.caption) a.mention.person", has_text="Vladimir Poutine")
    expect(mention).to_have_attribute("href", "#/people/vladimir-poutine")
    mention.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server}/#/people/vladimir-poutine")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Vladimir Poutine")
    expect(heading).to_be_focused()
    expect(page.locator(".facts dt")).to_have_text(["Also written", "Articles", "Mentions", "First seen", "Last seen"])
    expect(page.locator(".facts dd")).to_have_text(["Poutine", "4", "10", "23 June 2025", "4 September 2025"])
    expect(page.locator(".titles li")).to_have_text([
        'président russe in Ukraine: 26 pays prêts à participer à une "force de réassurance", annonce Macron'
    ])  # fmt: skip
    related = api(live_server, "/v1/people/vladimir-poutine/related", type="place", limit=12)["data"]
    expect(page.locator(".related section").nth(1).locator(".chip")).to_have_text(
        [f"{place['name']}{place['count']}" for place in related]
    )
    articles = [article["title"] for article in api(live_server, "/v1/people/vladimir-poutine/articles")["data"]]
    assert SEED_TITLE in articles
    expect(page.locator(".count")).to_have_text("4 of 4 articles")
    expect(page.locator(".card h3")).to_have_text(articles)
    screenshot(page, tmp_path, "person")

    page.go_back()
    expect(page).to_have_url(f"{live_server}/#/articles/{SEED_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    expect(page.locator(".named.person a")).to_have_text(SEED_PEOPLE)


def test_the_article_list_pages_on_with_the_cursor(page: Page, live_server: str, tmp_path: Path) -> None:
    titles = [article["title"] for article in api(live_server, "/v1/articles", limit=100)["data"]]
    page.goto("/")
    expect(page.locator(".count")).to_have_text("20 of 26 articles")
    expect(page.locator(".card h3")).to_have_text(titles[:20])
    more = page.get_by_role("button", name="More articles")
    more.focus()
    page.keyboard.press("Enter")

    expect(page.locator(".count")).to_have_text("26 of 26 articles")
    expect(page.locator(".card h3")).to_have_text(titles)
    expect(more).to_be_hidden()
    # Focus moves to the first new article, so the keyboard carries on where the list grew.
    expect(page.locator(".card").nth(20).locator("h3 a")).to_be_focused()
    screenshot(page, tmp_path, "paged")


def test_the_map_draws_every_place_with_coordinates(page: Page, live_server: str, tmp_path: Path) -> None:
    places = api(live_server, "/v1/places.geojson", limit=100)
    places["features"] += api(live_server, "/v1/places.geojson", limit=100, cursor=places["meta"]["next_cursor"])[
        "features"
    ]
    links = sum(feature["properties"]["article_count"] for feature in places["features"])
    with page.expect_response(re.compile(r"/static/world\.svg\?v=[0-9a-f]{12}$")) as world:
        page.goto("/#/places")
    assert world.value.status == 200 and world.value.header_value("content-type") == "image/svg+xml"
    expect(page.locator(".map circle")).to_have_count(102)
    expect(page.locator(".map figcaption")).to_have_text(
        f"102 places on the map, {links} article links; a dot's area follows its articles. "
        "Every place is also listed below."
    )
    mali = page.locator('.map a[aria-label="Mali: 11 articles"]')
    expect(mali.locator("circle")).to_have_attribute("cx", "1760.0")
    expect(mali.locator("circle")).to_have_attribute("cy", "724.3")
    expect(page.locator(".rows li").first).to_have_text("Malicountry, ML · 11 articles")
    screenshot(page, tmp_path, "map")

    mali.dispatch_event("click")
    expect(page).to_have_url(f"{live_server}/#/places/mali")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mali")
    expect(page.locator(".facts dd").nth(0)).to_have_text("country")
    expect(page.locator(".map.small circle")).to_have_count(1)
    screenshot(page, tmp_path, "place")


@pytest.mark.parametrize(
    ("route", "title", "detail"),
    [
        ("#/articles?person=nobody", "Invalid parameter (422)", "person 'nobody' is not the id, slug or name of a person"),
        ('#/articles?q="junte', "Query syntax error (400)", 'The query has an unbalanced quote (").'),
        ("#/people/nobody", "Not found (404)", "No person has the id or slug 'nobody'."),
    ],
)  # fmt: skip
def test_problem_documents_are_shown(page: Page, route: str, title: str, detail: str, tmp_path: Path) -> None:
    page.goto(f"/{route}")
    alert = page.get_by_role("alert")
    expect(alert.locator("strong")).to_have_text(title)
    expect(alert.locator("p")).to_have_text(detail)
    screenshot(page, tmp_path, "problem")


def test_snippets_keep_their_marks_and_nothing_else(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    html = page.evaluate("""() => {
        const paragraph = document.createElement("p");
        paragraph.append(...marked('<img src=x onerror="alert(1)"> <mark>Goïta</mark> & <b>co</b> <mark>x'));
        return paragraph.innerHTML;
    }""")  # fmt: skip
    assert html == '&lt;img src=x onerror="alert(1)"&gt; <mark>Goïta</mark> &amp; &lt;b&gt;co&lt;/b&gt; <mark>x</mark>'
