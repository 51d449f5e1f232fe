"""The read path's executor: SQLAlchemy statements compiled once per dialect, run on the DBAPI connection.

SQLAlchemy's session and result machinery cost several times what SQLite spends answering a primary-key lookup.
Hot reads therefore build their statements once, with named `bindparam`s for every
value, and run them here: the compiled SQL is cached per dialect, values go through the same bind processors,
and result values through the same result processors (dates, JSON) as SQLAlchemy's own path, so rows are equal.
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

Row = dict[str, Any]


@dataclass(slots=True)
class Compiled:
    sql: SQLCompiler
    keys: tuple[str, ...]
    expanding: bool  # an `IN` list, rendered anew for each call
    # (position, processor) of the columns that have one; known once the driver has described the result
    processors: tuple[tuple[int, Any], ...] | None = None

    def processors_for(self, dialect: Dialect, description: Sequence[Sequence[Any]]) -> tuple[tuple[int, Any], ...]:
        if self.processors is None:
            columns = self.sql._result_columns
            found = (column.type._cached_result_processor(dialect, described[1])
                     for column, described in zip(columns, description, strict=True))  # fmt: skip
            self.processors = tuple((position, p) for position, p in enumerate(found) if p is not None)
        return self.processors

    def arguments(self, params: Mapping[str, Any]) -> tuple[str, Any]:
        """The SQL and the DBAPI arguments for these values, bind processors applied."""
        if self.expanding:
            state = self.sql.construct_expanded_state(dict(params))
            sql, values, order = state.statement, state.parameters, state.positiontup
        else:
            sql, values, order = self.sql.string, self.sql.construct_params(params), self.sql.positiontup
        processors: Mapping[str, Any] = self.sql._bind_processors
        values = {key: processors[key](value) if key in processors else value for key, value in values.items()}
        return sql, tuple(values[key] for key in order) if order is not None else values


def processed(row: tuple[Any, ...], processors: tuple[tuple[int, Any], ...]) -> tuple[Any, ...]:
    values = list(row)
    for position, processor in processors:
        values[position] = processor(values[position])
    return tuple(values)


@dataclass(slots=True)
class Prepared:
    """A statement whose values are all named bind parameters; compiled on first use on each dialect."""

    statement: Select[Any]
    compiled: dict[str, Compiled] = field(default_factory=dict)

    def on(self, dialect: Dialect) -> Compiled:
        found = self.compiled.get(dialect.name)
        if found is None:
            sql = self.statement.compile(dialect=dialect)
            assert isinstance(sql, SQLCompiler)
            keys = tuple(column.keyname for column in sql._result_columns)
            expanding = any(bind.expanding for bind in sql.binds.values())
            found = self.compiled[dialect.name] = Compiled(sql, keys, expanding)
        return found


# What changes whenever a write commits, read before the results kept under it. SQLite: the data version this
# connection sees. PostgreSQL: the current snapshot (on a standby, the position it has replayed), which changes once
# a commit is visible, never before it; other databases' commits change it too, which only costs working out again.
VERSIONS = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text "
    "ELSE pg_current_snapshot()::text END",
}


@dataclass(slots=True)
class Kept:
    """Results of one read connection that cost a scan of every match to work out (list totals, the pages of
    lists ranked by relevance), or a statement on every page of a list (the entities its filters name), through
    `Reads.kept_rows`. Each is kept until a write commits (`VERSIONS` tells), so it stays exact; only asking an
    unchanged database again is saved. At most `limit` rows are kept in all (a total is one), the least recently
    used result dropped first; 0 keeps none."""

    dialect: str
    limit: int
    version: Any = None
    results: dict[Hashable, list[Row]] = field(default_factory=dict)
    rows: int = 0

    def current(self, connection: Any) -> "Kept":
        cursor = connection.cursor()
        try:
            cursor.execute(VERSIONS[self.dialect])
            version = cursor.fetchone()[0]
        finally:
            cursor.close()
        if version != self.version:
            self.version, self.results, self.rows = version, {}, 0
        return self

    def get(self, key: Hashable, work_out: Callable[[], list[Row]]) -> list[Row]:
        """The result kept under `key` (now the most recently used), else worked out now and kept."""
        if key in self.results:
            found = self.results[key] = self.results.pop(key)
            return found
        found = work_out()
        if size_of(found) <= self.limit:
            while self.rows + size_of(found) > self.limit:
                self.rows -= size_of(self.results.pop(next(iter(self.results))))
            self.results[key], self.rows = found, self.rows + size_of(found)
        return found


def size_of(result: list[Row]) -> int:
    """The rows a kept result counts for: an empty page counts as one."""
    return max(len(result), 1)


@dataclass(slots=True)
class Reads:
    """A DBAPI connection and its dialect: what a request reads through. `kept` keeps what `Kept` says;
    `current` is `kept` once its version has been read, which a request does once."""

    connection: Any
    dialect: Dialect
    kept: Kept | None = None
    current: Kept | None = None

    @classmethod
    def of(cls, session: Session) -> "Reads":
        connection = session.connection()
        return cls(connection.connection.dbapi_connection, connection.dialect)

    def rows(self, prepared: Prepared, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Every row, as dicts keyed by column label, values as SQLAlchemy would give them."""
        keys = prepared.on(self.dialect).keys
        # The keys and each row are of one statement, so of one length. A keyword argument takes `zip` off its fast
        # call path: `strict=` either way made building a page's 21 rows take about half as long again.
        return [dict(zip(keys, row)) for row in self.tuples(prepared, params)]  # noqa: B905

    def tuples(self, prepared: Prepared, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row as a tuple in the statement's column order, values as SQLAlchemy would give them."""
        compiled = prepared.on(self.dialect)
        sql, arguments = compiled.arguments(params or {})
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, arguments)
            raw = cursor.fetchall()
            processors = compiled.processors_for(self.dialect, cursor.description)
        finally:
            cursor.close()
        return [processed(row, processors) for row in raw] if processors else raw

    def count(self, prepared: Prepared, params: Mapping[str, Any]) -> int:
        """The single number a counting statement selects; kept while the database is unchanged."""
        return int(self.kept_rows(prepared, params)[0]["n"])

    def kept_rows(self, prepared: Prepared, params: Mapping[str, Any]) -> list[Row]:
        """`rows`, kept while the database is unchanged (see `Kept`); copies, which callers may change."""
        if self.kept is None or not self.kept.limit:
            return self.rows(prepared, params)
        if self.current is None:
            self.current = self.kept.current(self.connection)
        key = (id(prepared), tuple(sorted(params.items())))
        found = self.current.get(key, lambda: self.rows(prepared, params))
        return [dict(row) for row in found]

    def first(self, prepared: Prepared, params: Mapping[str, Any] | None = None) -> Row | None:
        found = self.rows(prepared, params)
        return found[0] if found else None

    def kept_first(self, prepared: Prepared, params: Mapping[str, Any]) -> Row | None:
        """`first`, kept while the database is unchanged."""
        found = self.kept_rows(prepared, params)
        return found[0] if found else None
