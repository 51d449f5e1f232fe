import pytest

from app.ingest.gazetteer import Gazetteer, GazetteerEntry, get_gazetteer, place_key

MOSCOW, LE_HAVRE, VALENCIA_ES, VALENCE_FR = 524901, 3003796, 2509954, 2971053


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def resolved(gazetteer: Gazetteer, name: str, *context: str) -> GazetteerEntry:
    entry = gazetteer.resolve(name, context_countries=frozenset(context))
    assert entry is not None, name
    return entry


def test_get_gazetteer_is_built_once() -> None:
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("  ÉTATS-UNIS ", "etats unis"),
        ("Saint–Louis", "saint louis"),
        ("Œuvre  Straße", "oeuvre strasse"),
        ("Łódź", "lodz"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert place_key(text) == expected


def test_french_and_english_city_names_are_one_place(gazetteer: Gazetteer) -> None:
    moscou, moscow = resolved(gazetteer, "Moscou"), resolved(gazetteer, "Moscow")
    assert moscou == moscow
    assert (moscou.geonames_id, moscou.kind, moscou.country_code) == (MOSCOW, "city", "RU")
    assert moscou.name == "Moscow"  # the GeoNames main name: identity is the geonames_id
    assert moscou.latitude == pytest.approx(55.75, abs=0.1)
    assert moscou.longitude == pytest.approx(37.62, abs=0.1)


@pytest.mark.parametrize(
    ("surface", "geonames_id", "code"),
    [
        ("au Havre", LE_HAVRE, "FR"),
        ("du Havre", LE_HAVRE, "FR"),
        ("Le Havre", LE_HAVRE, "FR"),
        ("à Moscou", MOSCOW, "RU"),
    ],
)
def test_prepositions_and_articles_on_cities(gazetteer: Gazetteer, surface: str, geonames_id: int, code: str) -> None:
    entry = resolved(gazetteer, surface)
    assert (entry.geonames_id, entry.country_code, entry.kind) == (geonames_id, code, "city")


def test_le_havre_keeps_its_article(gazetteer: Gazetteer) -> None:
    assert resolved(gazetteer, "au Havre").name == "Le Havre"
    assert resolved(gazetteer, "au Caire").country_code == "EG"


def test_valence_follows_the_article_countries(gazetteer: Gazetteer) -> None:
    assert resolved(gazetteer, "Valence", "ES").geonames_id == VALENCIA_ES
    assert resolved(gazetteer, "Valence", "FR").geonames_id == VALENCE_FR
    # Without context the more populous Valencia wins (824k against Valence's 64k, even weighted x8
    # for matching the French city's main name rather than an alternate name).
    assert resolved(gazetteer, "Valence").geonames_id == VALENCIA_ES
    assert {entry.geonames_id for entry in gazetteer.candidates("Valence")} >= {VALENCIA_ES, VALENCE_FR}


@pytest.mark.parametrize(
    ("name", "default", "context", "in_context"),
    [
        ("Tripoli", "LY", "LB", "LB"),
        ("Saint-Louis", "SN", "US", "US"),
        ("Paris", "FR", "US", "FR"),  # a named country weighs x50, not enough for Paris, Texas (25k)
    ],
)
def test_ambiguous_cities(gazetteer: Gazetteer, name: str, default: str, context: str, in_context: str) -> None:
    assert resolved(gazetteer, name).country_code == default
    assert resolved(gazetteer, name, context).country_code == in_context


@pytest.mark.parametrize(
    ("surface", "code", "name"),
    [
        ("Russie", "RU", "Russie"),
        ("Mali", "ML", "Mali"),
        ("États-Unis", "US", "États-Unis"),
        ("Etats-Unis", "US", "États-Unis"),
        ("etats unis", "US", "États-Unis"),
        ("Côte d'Ivoire", "CI", "Côte d’Ivoire"),
        ("Côte d’Ivoire", "CI", "Côte d’Ivoire"),
        ("en Russie", "RU", "Russie"),
        ("la Russie", "RU", "Russie"),
        ("aux États-Unis", "US", "États-Unis"),
        ("du Mali", "ML", "Mali"),
        ("le Mali", "ML", "Mali"),
        ("de la Côte d'Ivoire", "CI", "Côte d’Ivoire"),
        ("l'Ukraine", "UA", "Ukraine"),
        ("RDC", "CD", "République démocratique du Congo"),
        ("Birmanie", "MM", "Birmanie"),
        ("Mexique", "MX", "Mexique"),
    ],
)
def test_countries(gazetteer: Gazetteer, surface: str, code: str, name: str) -> None:
    entry = resolved(gazetteer, surface)
    assert (entry.kind, entry.country_code, entry.name) == ("country", code, name)
    assert entry.latitude is not None and entry.longitude is not None
    assert entry.geonames_id is not None and entry.population > 0
    assert gazetteer.country_code_of(surface) == code


def test_country_coordinates_and_ids(gazetteer: Gazetteer) -> None:
    russia, mali = resolved(gazetteer, "Russie"), resolved(gazetteer, "Mali")
    assert (russia.geonames_id, mali.geonames_id) == (2017370, 2453866)
    assert (mali.latitude, mali.longitude) == pytest.approx((17.57, -4.0), abs=0.1)
    assert resolved(gazetteer, "Russia") == russia


def test_countries_beat_cities_of_the_same_name(gazetteer: Gazetteer) -> None:
    assert resolved(gazetteer, "Djibouti").kind == "country"
    assert resolved(gazetteer, "Mexico").kind == "city"  # the English country name ranks below cities
    assert resolved(gazetteer, "Géorgie").country_code == "GE"
    assert resolved(gazetteer, "Géorgie", "US").country_code == "GE"


def test_country_code_of_is_none_for_non_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_code_of("Moscou") is None
    assert gazetteer.country_code_of("russe") is None
    assert gazetteer.country_code_of("Zorglubville") is None


@pytest.mark.parametrize(
    ("surface", "kind", "code"),
    [
        ("Kremlin", "landmark", "RU"),
        ("le Kremlin", "landmark", "RU"),
        ("Maison-Blanche", "landmark", "US"),
        ("Élysée", "landmark", "FR"),
        ("Sahel", "region", None),
        ("Afrique de l'Ouest", "region", None),
        ("Cisjordanie", "region", "PS"),
        ("bande de Gaza", "region", "PS"),
        ("Crimée", "region", "UA"),
        ("Californie", "region", "US"),
    ],
)
def test_landmarks_and_regions(gazetteer: Gazetteer, surface: str, kind: str, code: str | None) -> None:
    entry = resolved(gazetteer, surface)
    assert (entry.kind, entry.country_code) == (kind, code)
    assert entry.latitude is not None


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("malienne", "ML"),
        ("Sénégalaise", "SN"),
        ("russe", "RU"),
        ("Russes", "RU"),
        ("Maliens", "ML"),
        ("Mauritanien", "MR"),
        ("ivoirienne", "CI"),
        ("français", "FR"),
        ("Françaises", "FR"),
        ("américain", "US"),
        ("nigérien", "NE"),
        ("nigériane", "NG"),
        ("burkinabè", "BF"),
        ("Burkinabé", "BF"),
        ("grecque", "GR"),
        ("Nord-Coréens", "KP"),
        ("suisse", "CH"),
    ],
)
def test_demonyms(gazetteer: Gazetteer, word: str, code: str) -> None:
    assert gazetteer.is_demonym(word)
    assert gazetteer.demonym_country(word) == code
    assert gazetteer.resolve(word) is None
    assert gazetteer.candidates(word) == []


def test_demonyms_are_not_places_even_with_an_article(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("les Maliens") is None
    assert gazetteer.resolve("Russe") is None  # not Ruse, Bulgaria ("Russe" in French)


def test_ambiguous_demonym_has_no_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_demonym("congolais")
    assert gazetteer.demonym_country("congolais") is None


def test_capitalised_country_names_are_not_demonyms(gazetteer: Gazetteer) -> None:
    assert not gazetteer.is_demonym("Suisse")
    assert resolved(gazetteer, "Suisse").country_code == "CH"
    assert resolved(gazetteer, "l'Argentine").country_code == "AR"
    assert gazetteer.is_demonym("argentine")


@pytest.mark.parametrize("word", ["Mali", "Paris", "Moscou", "Zorglub"])
def test_places_are_not_demonyms(gazetteer: Gazetteer, word: str) -> None:
    assert not gazetteer.is_demonym(word)
    assert gazetteer.demonym_country(word) is None


@pytest.mark.parametrize("name", ["Zorglubville", "", "au", "de la"])
def test_unknown_names(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None
    assert gazetteer.candidates(name) == []


def test_candidates_are_distinct_and_best_first(gazetteer: Gazetteer) -> None:
    found = gazetteer.candidates("Tripoli")
    assert [entry.country_code for entry in found[:2]] == ["LY", "LB"]
    assert len({entry.geonames_id for entry in found}) == len(found)
