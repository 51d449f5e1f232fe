"""Each resolution rule on plain strings: model spans written by hand, no spaCy."""

import pytest

from app.ingest.entities import ResolvedEntity
from app.ingest.extract import Span
from app.ingest.gazetteer import Gazetteer, get_gazetteer

Tag = tuple[int, str, str]  # (text index, surface, label): the first occurrence of surface in that text


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def run(texts: list[str], tags: list[Tag], gazetteer: Gazetteer) -> list[ResolvedEntity]:
    from app.ingest.resolve import resolve

    spans: list[list[Span]] = [[] for _ in texts]
    for index, surface, label in tags:
        start = texts[index].index(surface)
        spans[index].append(Span(label, start, start + len(surface), surface))
    return resolve(texts, spans, gazetteer)


def people(entities: list[ResolvedEntity]) -> dict[str, set[str]]:
    return {e.name: {m.surface for m in e.mentions} for e in entities if e.type == "person"}


def of_type(entities: list[ResolvedEntity], kind: str) -> set[str]:
    return {e.name for e in entities if e.type == kind}


def test_honorifics_come_off_and_short_references_join_the_full_name(gazetteer: Gazetteer) -> None:
    texts = ["Le président Vladimir Poutine a parlé.", "M. Poutine a ajouté que Poutine restait ferme."]
    found = run(texts, [(0, "Vladimir Poutine", "PER"), (1, "M. Poutine", "PER")], gazetteer)
    assert people(found) == {"Vladimir Poutine": {"Vladimir Poutine", "Poutine"}}
    assert len(found[0].mentions) == 3


def test_mme_and_m_go_to_the_right_person_of_a_shared_surname(gazetteer: Gazetteer) -> None:
    texts = [
        "La ministre Awa Diallo a répondu à l'opposant Moussa Diallo.",
        "Mme Diallo a rappelé que M. Diallo mentait.",
    ]
    tags = [(0, "Awa Diallo", "PER"), (0, "Moussa Diallo", "PER"), (1, "Diallo", "PER")]
    tags.append((1, "M. Diallo", "PER"))
    found = run(texts, tags, gazetteer)
    mentions = {e.name: sorted((m.section, m.start) for m in e.mentions) for e in found}
    assert mentions == {"Awa Diallo": [(0, 12), (1, 4)], "Moussa Diallo": [(0, 46), (1, 28)]}


def test_gender_comes_from_first_names_when_no_honorific_says_it(gazetteer: Gazetteer) -> None:
    texts = ["Awa Diallo et Moussa Diallo se sont affrontés.", "Mme Diallo l'a emporté."]
    found = run(texts, [(0, "Awa Diallo", "PER"), (0, "Moussa Diallo", "PER"), (1, "Mme Diallo", "PER")], gazetteer)
    assert people(found) == {"Awa Diallo": {"Awa Diallo", "Diallo"}, "Moussa Diallo": {"Moussa Diallo"}}


def test_nationality_words_are_never_part_of_a_name_nor_a_place(gazetteer: Gazetteer) -> None:
    texts = ["La Sénégalaise Aïssata Kane préside la séance.", "Mme Kane, Sénégalaise, a parlé."]
    found = run(texts, [(0, "Sénégalaise Aïssata Kane", "LOC"), (1, "Sénégalaise", "LOC")], gazetteer)
    assert people(found) == {"Aïssata Kane": {"Aïssata Kane", "Kane"}}
    assert of_type(found, "place") == set()


def test_a_surname_read_as_a_place_is_the_person(gazetteer: Gazetteer) -> None:
    texts = ["Le général Assimi Goïta est arrivé.", "Goïta a parlé."]
    found = run(texts, [(0, "Assimi Goïta", "PER"), (1, "Goïta", "LOC")], gazetteer)
    assert people(found) == {"Assimi Goïta": {"Assimi Goïta", "Goïta"}}
    assert of_type(found, "place") == set()


def test_spellings_merge_under_the_fullest_accented_one(gazetteer: Gazetteer) -> None:
    texts = ["Assimi Goita et Sergei Lavrov.", "Assimi Goïta a reçu Sergueï Lavrov."]
    tags = [(0, "Assimi Goita", "PER"), (0, "Sergei Lavrov", "PER"), (1, "Assimi Goïta", "PER")]
    found = run(texts, [*tags, (1, "Sergueï Lavrov", "PER")], gazetteer)
    assert set(people(found)) == {"Assimi Goïta", "Sergueï Lavrov"}


def test_a_three_word_name_inside_a_longer_one_is_another_person(gazetteer: Gazetteer) -> None:
    texts = ["Idriss Déby Itno a eu pour successeur son fils Mahamat Idriss Déby Itno."]
    found = run(texts, [(0, "Mahamat Idriss Déby Itno", "PER"), (0, "Idriss Déby Itno", "PER")], gazetteer)
    assert set(people(found)) == {"Mahamat Idriss Déby Itno", "Idriss Déby Itno"}


def test_titles_come_from_the_words_introducing_a_person(gazetteer: Gazetteer) -> None:
    texts = ["Ont participé le ministre russe de l'Energie, Sergueï Tsiviliov, et le président russe Vladimir Poutine."]
    found = run(texts, [(0, "Sergueï Tsiviliov", "PER"), (0, "Vladimir Poutine", "PER")], gazetteer)
    assert {e.name: e.titles for e in found} == {
        "Sergueï Tsiviliov": ["ministre russe de l'Energie"], "Vladimir Poutine": ["président russe"]}  # fmt: skip


def test_a_name_after_a_title_is_a_person_whatever_the_model_said(gazetteer: Gazetteer) -> None:
    texts = ["le vice-ministre de la Défense russe, Iounous-Bek Ievkourov, était là."]
    found = run(texts, [(0, "Iounous-Bek Ievkourov", "MISC"), (0, "vice-ministre de la Défense", "PER")], gazetteer)
    assert people(found) == {"Iounous-Bek Ievkourov": {"Iounous-Bek Ievkourov"}}


def test_acronyms_join_their_expansion(gazetteer: Gazetteer) -> None:
    texts = ["Des groupes affiliés à l'organisation État islamique (EI) ont frappé.", "L'EI a revendiqué."]
    found = run(texts, [(0, "EI", "ORG"), (1, "EI", "ORG")], gazetteer)
    [islamic_state] = found
    assert (islamic_state.type, islamic_state.name, islamic_state.aliases) == ("organisation", "État islamique",
                                                                              {"État islamique", "EI"})  # fmt: skip
    assert len(islamic_state.mentions) == 3


def test_ministries_and_groups_are_organisations(gazetteer: Gazetteer) -> None:
    texts = [
        "Le départ du groupe paramilitaire russe Wagner du Mali, sous le contrôle du ministère russe de la Défense."
    ]
    tags = [(0, "Wagner du Mali", "PER"), (0, "ministère russe de la Défense", "LOC")]
    found = run(texts, tags, gazetteer)
    assert of_type(found, "organisation") == {"Wagner", "ministère russe de la Défense"}
    assert of_type(found, "place") == {"Mali"}
    assert of_type(found, "person") == set()


def test_places_are_resolved_with_their_article_and_country(gazetteer: Gazetteer) -> None:
    texts = ["Les dockers du Havre ont manifesté.", "La France et l'Espagne ont réagi, comme Valence."]
    found = run(texts, [(0, "Havre", "LOC"), (1, "La France", "LOC"), (1, "Valence", "LOC")], gazetteer)
    places = {e.name: (e.place.kind, e.place.country_code) for e in found if e.type == "place" and e.place}
    assert places == {"Le Havre": ("city", "FR"), "France": ("country", "FR"), "Espagne": ("country", "ES"),
                      "Valence": ("city", "ES")}  # fmt: skip


def test_an_unknown_place_is_kept_with_the_country_around_it(gazetteer: Gazetteer) -> None:
    texts = ["Les pêcheurs de Guet Ndar, à Saint-Louis au Sénégal, protestent."]
    found = run(texts, [(0, "Guet Ndar", "LOC"), (0, "Saint-Louis", "LOC"), (0, "Sénégal", "LOC")], gazetteer)
    guet_ndar = next(e for e in found if e.name == "Guet Ndar")
    assert (guet_ndar.place, guet_ndar.country_code) == (None, "SN")


def test_a_treaty_named_after_a_city_is_not_a_place(gazetteer: Gazetteer) -> None:
    found = run(["Le respect de l'accord de Paris est en jeu."], [(0, "Paris", "LOC")], gazetteer)
    assert found == []


def test_a_lone_organisation_noun_is_the_organisation_it_opens(gazetteer: Gazetteer) -> None:
    texts = ["La Commission de l'Union africaine a siégé.", "La Commission a voté."]
    found = run(texts, [(0, "Commission de l'Union africaine", "ORG"), (1, "Commission", "ORG")], gazetteer)
    assert [(e.name, len(e.mentions)) for e in found] == [("Commission de l'Union africaine", 2)]


def test_names_the_model_missed_are_found_where_they_recur(gazetteer: Gazetteer) -> None:
    texts = ["Rencontre avec Assimi Goita à Moscou", "Le général Assimi Goïta est en Russie. La France observe."]
    found = run(texts, [(1, "Assimi Goïta", "PER"), (1, "Russie", "LOC")], gazetteer)
    assert people(found) == {"Assimi Goïta": {"Assimi Goita", "Assimi Goïta"}}
    assert of_type(found, "place") == {"Russie", "Moscou", "France"}
