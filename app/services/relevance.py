"""SQLite relevance at a point in time: a walk through a relevance list ranks every page as at its first.

FTS5's bm25 reads statistics of the whole corpus (its row count, its average length, each phrase's number of
matching rows), so an added article moves the score of every other one, and a (score, id) cursor would no
longer split the articles seen from those not seen. A relevance cursor on SQLite therefore also pins the
statistics of the walk's first page (`Statistics`), as Elasticsearch's point in time does. While they are
unchanged, a page is the keyset range of any list. Once they have changed, the page is ranked in Python: each
article of the list that was there then (its id at most the last one then) gets the score it had then, and
articles added since are not part of the walk.

The score it had then is FTS5's bm25 (fts5_aux.c) computed again, operation for operation, so that it is the
same double: from the statistics then, the article's length in tokens (FTS5's `_docsize` table) and its weighted
frequency of each phrase, which FTS5 does not expose but which is recovered exactly from the article's score for
that phrase alone (bm25 solved for it: a whole number, the column weights being whole).

PostgreSQL's ts_rank is local to each article: its relevance lists are paged as any other list.
"""

import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Integer, LargeBinary, column, func, literal_column, select, table

from app.models import Article
from app.services.fulltext import BM25, FTS, FTS_TABLE, MATCH
from app.services.pagination import Keyset, Listing, ListQuery, PageParams, count, every_row, rows_after
from app.services.prepared import Prepared, Reads, Row
from app.services.query import SearchQuery, Term

ARTICLE = Article.__table__  # type: ignore[attr-defined]
# fts5_aux.c's constants: k1, b, and the idf of a phrase that half the rows or more match.
K1, B, IDF_FLOOR = 1.2, 0.75, 1e-6
# How far from a whole number a recovered frequency may be: rounding errors are some 1e-14 of it.
WHOLE = 1e-6
# FTS5's shadow tables: the averages record (the row count, then each column's token count) is row 1 of
# `_data`; `_docsize` holds each row's token count per column. Both are SQLite varints.
DATA = table("article_search_data", column("id", Integer), column("block", LargeBinary))
DOCSIZE = table("article_search_docsize", column("id", Integer), column("sz", LargeBinary))
AVERAGES = select(DATA.c.block).where(DATA.c.id == literal_column("1")).scalar_subquery()
STATISTICS = Prepared(select(select(func.max(ARTICLE.c.id)).scalar_subquery().label("last_id"),
                             AVERAGES.label("averages")))  # fmt: skip
# One phrase alone: each match, its score, its token counts and the statistics of the score, in one statement.
SIZES = select(DOCSIZE.c.sz).where(DOCSIZE.c.id == FTS.c.rowid).scalar_subquery()
PHRASE = Prepared(select(FTS.c.rowid.label("id"), BM25.label("score"), SIZES.label("sizes"),
                         AVERAGES.label("averages")).where(FTS_TABLE.match(MATCH)))  # fmt: skip


class Statistics(NamedTuple):
    """What bm25 reads of the corpus at a point in time: the last article's id, FTS5's row and token counts."""

    last_id: int
    rows: int
    tokens: int


PINNED = len(Statistics._fields)


class Position(NamedTuple):
    """Where a cursor resumes a walk: after the row with these key values, ranked as at `pinned`."""

    after: list[Any]
    pinned: Statistics


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase of a query as bm25 sees it: how many articles matched it at the point in time, and, for
    each wanted article that matches it, its weighted frequency of the phrase and its length in tokens."""

    hits: int
    frequencies: dict[int, int]
    lengths: dict[int, int]


def paginate(reads: Reads, query: ListQuery, keyset: Keyset, page: PageParams, search: SearchQuery) -> Listing[Row]:
    """One page of a relevance list on SQLite, ranked as at the walk's first page, whose statistics the cursor
    pins. They are read after the page, so that a change before or while it is read is seen; only a write
    committed between a first page and that read would go unseen."""
    position = _position(keyset, page)
    rows = rows_after(reads, query, keyset, position.after if position else None, page.limit + 1)
    if position is not None and position.pinned != statistics(reads):
        rows = _ranked_as_at(reads, query, keyset, search, position)[: page.limit + 1]
    if len(rows) <= page.limit:
        return Listing(rows, count(reads, query))
    pinned = position.pinned if position else statistics(reads)
    cursor = keyset.encode([*keyset.values_of(rows[page.limit - 1]), *pinned], page.secret)
    return Listing(rows[: page.limit], count(reads, query), cursor)


def _position(keyset: Keyset, page: PageParams) -> Position | None:
    """Where the page's cursor resumes the walk; None on the first page."""
    if not page.cursor:
        return None
    values = keyset.decode(page.cursor, page.secret)
    keys = len(keyset.columns)
    return Position(values[:keys], Statistics(*values[keys:]))


def statistics(reads: Reads) -> Statistics:
    """The statistics as they are now, read in one statement."""
    last_id, averages = reads.tuples(STATISTICS)[0]
    return Statistics(last_id, *_totals(averages))


def _ranked_as_at(reads: Reads, query: ListQuery, keyset: Keyset, search: SearchQuery, position: Position) -> list[Row]:
    """The list's rows after the position, in the order of the scores they had at its point in time, each with
    its key values; the articles added since are left out. The boundary is the Python score of the position's
    article while it still matches, so that every comparison is between scores computed alike."""
    pinned = position.pinned
    rows = {row["id"]: row for row in every_row(reads, query) if row["id"] <= pinned.last_id}
    scores = scores_at(reads, search, pinned, rows.keys())
    last_score, last_id = position.after
    boundary = (scores.get(last_id, last_score), last_id)
    ranked = sorted((score, article_id) for article_id, score in scores.items() if (score, article_id) > boundary)
    return [rows[article_id] | dict(zip(keyset.key_names, (score, article_id), strict=True))
            for score, article_id in ranked]  # fmt: skip


def scores_at(reads: Reads, search: SearchQuery, pinned: Statistics, wanted: AbstractSet[int]) -> dict[int, float]:
    """The score `bm25(article_search, 5.0, 2.0, 1.0)` of each wanted article matching `search` when the corpus
    was as `pinned` says, to the last bit; an article that no longer matches is left out."""
    phrases = [_phrase(reads, term, pinned, wanted) for term in _terms(search)]
    idfs = [_idf(pinned.rows, phrase.hits) for phrase in phrases]
    average = pinned.tokens / pinned.rows
    lengths = {article_id: length for phrase in phrases for article_id, length in phrase.lengths.items()}
    return {article_id: _bm25(idfs, [phrase.frequencies.get(article_id, 0) for phrase in phrases], length, average)
            for article_id, length in lengths.items()}  # fmt: skip


def _terms(search: SearchQuery) -> list[Term]:
    """The query's phrases in FTS5's order, the order `SearchQuery.fts5()` writes them in."""
    return [*(term for group in search.groups for term in group), *search.excluded]


def _phrase(reads: Reads, term: Term, pinned: Statistics, wanted: AbstractSet[int]) -> Phrase:
    """The phrase's matches at `pinned`, and the frequencies of the wanted articles, recovered from their
    scores for the phrase alone under the statistics these scores were computed with."""
    rows = reads.tuples(PHRASE, {"match": term.fts5()})
    if not rows:
        return Phrase(0, {}, {})
    hits = sum(1 for article_id, *_ in rows if article_id <= pinned.last_id)
    total_rows, total_tokens = _totals(rows[0][3])
    idf, average = _idf(total_rows, len(rows)), total_tokens / total_rows
    lengths = {article_id: sum(varints(sizes)) for article_id, _, sizes, _ in rows if article_id in wanted}
    frequencies = {article_id: _frequency(-score, idf, _saturation(lengths[article_id], average))
                   for article_id, score, _, _ in rows if article_id in wanted}  # fmt: skip
    return Phrase(hits, frequencies, lengths)


def _bm25(idfs: list[float], frequencies: list[int], length: int, average: float) -> float:
    """fts5_aux.c's bm25 of one row: the same operations in the same order, hence the same double."""
    score = 0.0
    for idf, frequency in zip(idfs, frequencies, strict=True):
        score += idf * ((frequency * (K1 + 1.0)) / (frequency + _saturation(length, average)))
    return -1.0 * score


def _idf(rows: int, hits: int) -> float:
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0.0 else IDF_FLOOR


def _saturation(length: int, average: float) -> float:
    """bm25's `k1 * (1 - b + b * D / avgdl)`: what a row's frequency of a phrase is weighed against."""
    return K1 * (1 - B + B * length / average)


def _frequency(strength: float, idf: float, saturation: float) -> int:
    """A row's weighted frequency of a phrase, from its score `-strength` for that phrase alone: bm25 solved for
    it, `strength * saturation / (idf * (k1 + 1) - strength)`, a whole number."""
    frequency = strength * saturation / (idf * (K1 + 1.0) - strength)
    assert abs(frequency - round(frequency)) < WHOLE, f"a recovered frequency is not whole: {frequency}"
    return round(frequency)


def _totals(averages: bytes) -> tuple[int, int]:
    """FTS5's row count and token count (all columns), from its averages record."""
    rows, *tokens = varints(averages)
    return rows, sum(tokens)


def varints(blob: bytes) -> list[int]:
    """The integers of an FTS5 record: SQLite varints, big-endian groups of 7 bits whose high bit says that a
    byte follows; a 9th byte gives all its 8 bits."""
    values: list[int] = []
    value, width = 0, 0
    for byte in blob:
        width += 1
        if width < 9 and byte & 0x80:
            value = value << 7 | byte & 0x7F
            continue
        values.append(value << 8 | byte if width == 9 else value << 7 | byte)
        value, width = 0, 0
    return values
