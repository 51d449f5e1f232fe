"""Keyset pagination: signed opaque cursors, a page query per list, exact totals.

A cursor is `base64url(JSON of the last row's sort-key values) "." base64url(HMAC-SHA256)`. The signature
covers the keyset's name too, so a cursor is valid only for the list and sort order that minted it. A keyset
with `pinned` integers adds them after the key values: the point in time a walk is ranked at (SQLite relevance,
see `relevance`); the cursors of every other list hold their key values alone.
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any, Generic, TypeVar

import orjson
from sqlalchemy import ColumnElement, Integer, Label, Select, and_, bindparam, func, tuple_, type_coerce
from sqlalchemy.types import NullType

from app.errors import InvalidCursor
from app.services.prepared import Prepared, Reads, Row

T = TypeVar("T")
U = TypeVar("U")
AnySelect = Select[*tuple[Any, ...]]

# The HTTP layer passes Settings.cursor_secret; this default serves direct callers of the services.
CURSOR_SECRET = b"change-me-in-production"
SIGNATURE_BYTES = 16
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None
    secret: bytes = CURSOR_SECRET


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """One page of results as the services produce it, before the HTTP envelope."""

    items: list[T]
    total: int
    next_cursor: str | None = None

    def with_items(self, items: list[U]) -> "Listing[U]":
        return Listing(items, self.total, self.next_cursor)


@dataclass(frozen=True, slots=True)
class Keyset:
    """A total order for a list: sort-key expressions ending with a unique one, all in one direction.

    `nullable_head` marks a first key that may be NULL; those rows come last, ordered by the other keys.
    `pinned` is the number of integers a cursor carries after the key values.
    `ranked` marks an order that scores every match before the first row (relevance): its pages are kept while
    the database is unchanged (`Reads.kept_rows`), where an index-ordered page costs a range read.
    """

    name: str
    columns: tuple[ColumnElement[Any], ...]
    descending: bool = False
    nullable_head: bool = False
    pinned: int = 0
    ranked: bool = False

    @property
    def key_names(self) -> tuple[str, ...]:
        """The names the key columns take in a page's rows: `_key0`, `_key1`…"""
        return key_names(len(self.columns))

    def labelled(self) -> tuple[Label[Any], ...]:
        """The key columns under their names (a keyset is made per request; its labels once per statement), as the
        driver gives them: a cursor is JSON of one row's values, the same bytes for SQLite's ISO date text as for a
        `date`, and converting the dates of a page's 21 rows to write one of them took 5 to 10 µs."""
        return tuple(type_coerce(column, NullType()).label(name)
                     for name, column in zip(self.key_names, self.columns, strict=True))  # fmt: skip

    def scoped(self, scope: str) -> "Keyset":
        """The same order under a narrower name, so cursors of one parent do not serve another."""
        return replace(self, name=f"{self.name}:{scope}")

    def order_by(self, *, start: int = 0) -> list[ColumnElement[Any]]:
        """The order of the keys from `start` on (a nullable head is ordered apart, see `runs`)."""
        return [column.desc() if self.descending else column.asc() for column in self.columns[start:]]

    def runs(self, after: Sequence[Any] | None) -> list[tuple[str, int]]:
        """The runs of rows that follow the row with the `after` key values, each with the first key it is
        ordered by. A nullable head gives two runs, each an index range: non-NULL heads, then NULL ones."""
        if not self.nullable_head:
            return [("after" if after else "all", 0)]
        if after is not None and after[0] is None:
            return [("null-after", 1)]
        return [("after" if after else "all", 0), ("null", 1)]

    def condition(self, run: str) -> ColumnElement[bool] | None:
        """The condition of a run, the cursor's key values bound as `_after0`, `_after1`…"""
        head = self.columns[0]
        conditions = {
            "all": head.is_not(None) if self.nullable_head else None,
            "after": and_(head.is_not(None), self._compare(0)) if self.nullable_head else self._compare(0),
            "null": head.is_(None),
            "null-after": and_(head.is_(None), self._compare(1)),
        }
        return conditions[run]

    def _compare(self, start: int) -> ColumnElement[bool]:
        after = [bindparam(f"_after{i}", type_=self.columns[i].type) for i in range(start, len(self.columns))]
        left, right = tuple_(*self.columns[start:]), tuple_(*after)
        return left < right if self.descending else left > right

    def values_of(self, row: Row) -> list[Any]:
        return [row[name] for name in self.key_names]

    def encode(self, values: Sequence[Any], secret: bytes) -> str:
        payload = orjson.dumps(list(values))
        return f"{_b64(payload)}.{_b64(self._sign(payload, secret))}"

    def decode(self, cursor: str, secret: bytes) -> list[Any]:
        """The key values a cursor carries, then its pinned integers; raises InvalidCursor unless this keyset
        minted it."""
        try:
            payload_part, signature_part = cursor.split(".")
            payload = _unb64(payload_part)
            if not hmac.compare_digest(_unb64(signature_part), self._sign(payload, secret)):
                raise ValueError("signature mismatch")
            return self._typed(orjson.loads(payload))
        except (ValueError, TypeError, binascii.Error):
            raise InvalidCursor("cursor is not valid for this list; take it from meta.next_cursor") from None

    def _sign(self, payload: bytes, secret: bytes) -> bytes:
        message = self.name.encode() + b"\x1f" + payload
        return hmac.new(secret, message, hashlib.sha256).digest()[:SIGNATURE_BYTES]

    def _typed(self, raw: Any) -> list[Any]:
        if not isinstance(raw, list) or len(raw) != len(self.columns) + self.pinned:
            raise ValueError("wrong number of values")
        keys, pins = raw[: len(self.columns)], raw[len(self.columns) :]
        if any(type(pin) is not int for pin in pins):
            raise TypeError("a pinned value is not an integer")
        return [*(_typed_value(column, value) for column, value in zip(self.columns, keys, strict=True)), *pins]


@cache
def key_names(count: int) -> tuple[str, ...]:
    """`_key0` … for `count` key columns, formatted once per count."""
    return tuple(f"_key{i}" for i in range(count))


def _typed_value(column: ColumnElement[Any], value: Any) -> Any:
    kind = column.type.python_type
    value = kind.fromisoformat(value) if kind is date and isinstance(value, str) else value
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"key value {value!r} is not a {kind.__name__}")
    return value


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A list's rows before paging, as a statement whose values are all named bind parameters.

    `shape` names everything the statement's SQL depends on (which filters, which order): the statements of a
    shape are built and compiled once, and each request only binds its values."""

    shape: Hashable
    build: Callable[[], AnySelect]
    params: Mapping[str, Any] = field(default_factory=dict)
    total: int | None = None  # the number of rows, when known without counting them


# Built statements by (shape, run); a few dozen shapes in all, so the cache is small and never evicts.
STATEMENTS: dict[tuple[Hashable, str], Prepared] = {}


def paginate(reads: Reads, query: ListQuery, keyset: Keyset, page: PageParams) -> Listing[Row]:
    """Runs one page of a query in keyset order, with the exact total and the cursor to the next page."""
    after = keyset.decode(page.cursor, page.secret) if page.cursor else None
    rows = rows_after(reads, query, keyset, after, page.limit + 1)
    cursor = keyset.encode(keyset.values_of(rows[page.limit - 1]), page.secret) if len(rows) > page.limit else None
    return Listing(rows[: page.limit], count(reads, query), cursor)


def rows_after(reads: Reads, query: ListQuery, keyset: Keyset, after: Sequence[Any] | None, limit: int) -> list[Row]:
    """Up to `limit` rows of a query in keyset order, from the one after the `after` key values (or the first)."""
    params = {**query.params, **{f"_after{i}": value for i, value in enumerate(after or ())}}
    read = reads.kept_rows if keyset.ranked else reads.rows
    rows: list[Row] = []
    for run, start in keyset.runs(after):
        if len(rows) < limit:
            rows += read(_statement(query, keyset, run, start), {**params, "_limit": limit - len(rows)})
    return rows


def _statement(query: ListQuery, keyset: Keyset, run: str, start: int) -> Prepared:
    found = STATEMENTS.get((query.shape, run))
    if found is None:
        statement = query.build().add_columns(*keyset.labelled())
        condition = keyset.condition(run)
        statement = statement.where(condition) if condition is not None else statement
        statement = statement.order_by(*keyset.order_by(start=start)).limit(bindparam("_limit", type_=Integer))
        found = STATEMENTS[query.shape, run] = Prepared(statement)
    return found


def every_row(reads: Reads, query: ListQuery) -> list[Row]:
    """Every row a list query selects, in no particular order."""
    found = STATEMENTS.get((query.shape, "every"))
    if found is None:
        found = STATEMENTS[query.shape, "every"] = Prepared(query.build())
    return reads.rows(found, query.params)


def count(reads: Reads, query: ListQuery) -> int:
    """The number of rows a list query's FROM and WHERE select, without its columns or order."""
    if query.total is not None:
        return query.total
    found = STATEMENTS.get((query.shape, "count"))
    if found is None:
        counting = query.build().with_only_columns(func.count().label("n"), maintain_column_froms=True)
        found = STATEMENTS[query.shape, "count"] = Prepared(counting.order_by(None))
    return reads.count(found, query.params)
