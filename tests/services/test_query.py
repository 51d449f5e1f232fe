import pytest

from app.errors import QuerySyntaxError
from app.services.query import parse, words_query


@pytest.mark.parametrize(
    ("text", "fts5", "tsquery"),
    [
        ("Goïta", '(("Goïta"))', "(('Goïta'))"),
        ("poutine moscou", '(("poutine") AND ("moscou"))', "(('poutine')) & (('moscou'))"),
        ("mali AND russie", '(("mali") AND ("russie"))', "(('mali')) & (('russie'))"),
        ('"vladimir poutine"', '(("vladimir poutine"))', "(('vladimir' <-> 'poutine'))"),
        ("wagner OR africa mali", '(("wagner" OR "africa") AND ("mali"))', "(('wagner') | ('africa')) & (('mali'))"),
        ("mali -wagner", '(("mali")) NOT "wagner"', "(('mali')) & !('wagner')"),
        ("mali NOT wagner", '(("mali")) NOT "wagner"', "(('mali')) & !('wagner')"),
        ('mali -"africa corps"', '(("mali")) NOT "africa corps"', "(('mali')) & !('africa' <-> 'corps')"),
        ("pou*", '(("pou" *))', "(('pou':*))"),
        ("l'Élysée", '(("l Élysée"))', "(('l' <-> 'Élysée'))"),
        ("Iounous-Bek", '(("Iounous Bek"))', "(('Iounous' <-> 'Bek'))"),
        ("col:term", '(("col term"))', "(('col' <-> 'term'))"),
        ("NEAR(mali", '(("NEAR mali"))', "(('NEAR' <-> 'mali'))"),
        ("^ mali 🙂", '(("mali"))', "(('mali'))"),
        ("ma\x00li", '(("ma li"))', "(('ma' <-> 'li'))"),
        ("or mali", '(("or") AND ("mali"))', "(('or')) & (('mali'))"),
    ],
)  # fmt: skip
def test_query_is_written_with_every_word_quoted(text: str, fts5: str, tsquery: str) -> None:
    query = parse(text)
    assert (query.fts5(), query.tsquery()) == (fts5, tsquery)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("", "The query has no word to search for."),
        ("   ", "The query has no word to search for."),
        ("^", "The query has no word to search for."),
        ("🙂", "The query has no word to search for."),
        ('"', 'The query has an unbalanced quote (").'),
        ('"vladimir poutine', 'The query has an unbalanced quote (").'),
        ('mali "', 'The query has an unbalanced quote (").'),
        ("AND", "AND needs a word on each side."),
        ("mali AND", "AND needs a word on each side."),
        ("OR", "OR needs a word before it."),
        ("OR mali", "OR needs a word before it."),
        ("mali OR", "OR needs a word after it."),
        ("mali OR OR russie", "OR needs a word after it."),
        ("NOT", "NOT needs a word after it."),
        ("-", "'-' must be attached to a word, as in -word or word*."),
        ("*", "'*' must be attached to a word, as in -word or word*."),
        ("-wagner", "The query has no word to search for, only words to exclude."),
        ("NOT wagner", "The query has no word to search for, only words to exclude."),
        ("mali OR -wagner", "An excluded word cannot be one side of an OR."),
        ("NOT -wagner mali", "NOT and - cannot both apply to one word."),
        ("a" * 501, "The query is longer than 500 characters."),
        (" ".join(["mot"] * 33), "The query has more than 32 terms."),
    ],
)
def test_malformed_query_is_a_syntax_error(text: str, detail: str) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse(text)
    assert raised.value.detail == detail


def test_typeahead_text_is_every_word_with_the_last_as_a_prefix() -> None:
    query = words_query("Vladimir pou")
    assert query is not None
    assert query.fts5(column="title") == '{title} : ((("Vladimir") AND ("pou" *)))'
    assert query.tsquery(weight="A") == "(('Vladimir':A)) & (('pou':*A))"
    assert words_query(" ^ ") is None
