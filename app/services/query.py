"""The search-box syntax, parsed into a safe query: words ANDed, `"exact phrase"`, `OR`, `-word`/`NOT word`,
`prefix*`.

The user's text never reaches the database: only the words it holds do (letters and digits), each quoted, in
an expression this module writes for SQLite FTS5 (`fts5()`) or PostgreSQL (`tsquery()`). Case, accents and
elision (`l'Élysée`) are left to the full-text index, which folds both the text and the query the same way.
"""

import re
import unicodedata
from dataclasses import dataclass

from app.errors import QuerySyntaxError

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
# A phrase (possibly negated), a stray quote, or a bare token; a bare token stops at a quote.
LEXEME = re.compile(r'-?"[^"]*"|"|[^\s"]+')
WORD = re.compile(r"[^\W_]+")
OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or several that must follow each other (a phrase); the last may be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")

    def tsquery(self, weight: str = "") -> str:
        lexemes = [f"'{word}':{weight}" if weight else f"'{word}'" for word in self.words]
        if self.prefix:
            lexemes[-1] = f"'{self.words[-1]}':*{weight}"
        return "(" + " <-> ".join(lexemes) + ")"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Every group must match (a group: any of its terms), and none of the excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    def fts5(self, *, column: str | None = None) -> str:
        """The FTS5 MATCH expression, optionally restricted to one column."""
        groups = " AND ".join("(" + " OR ".join(t.fts5() for t in group) + ")" for group in self.groups)
        expression = f"({groups})" + "".join(f" NOT {term.fts5()}" for term in self.excluded)
        return f"{{{column}}} : ({expression})" if column else expression

    def tsquery(self, *, weight: str = "") -> str:
        """The `to_tsquery` text; `weight` restricts every term to that weight (A: the title)."""
        groups = [" | ".join(t.tsquery(weight) for t in group) for group in self.groups]
        return " & ".join([*(f"({g})" for g in groups), *(f"!{t.tsquery(weight)}" for t in self.excluded)])

    def key(self) -> str:
        """A canonical spelling, the same for every way of writing this query."""
        return self.fts5()


def parse(text: str) -> SearchQuery:
    """Parses the search-box syntax; raises QuerySyntaxError for what cannot be read as a query."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"The query is longer than {MAX_QUERY_CHARS} characters.")
    items = [item for lexeme in LEXEME.findall(unicodedata.normalize("NFC", text)) if (item := _item(lexeme))]
    groups, excluded = _Parser(items).clauses()
    if not groups:
        raise QuerySyntaxError(
            "The query has no word to search for" + (", only words to exclude." if excluded else ".")
        )
    if len(groups) + len(excluded) > MAX_TERMS:
        raise QuerySyntaxError(f"The query has more than {MAX_TERMS} terms.")
    return SearchQuery(tuple(groups), tuple(excluded))


def words_query(text: str) -> SearchQuery | None:
    """Typeahead text as a query: every word, the last one as a prefix; None when it holds no word."""
    words = WORD.findall(unicodedata.normalize("NFC", text))[:MAX_TERMS]
    if not words:
        return None
    return SearchQuery(tuple((Term((w,), prefix=i == len(words) - 1),) for i, w in enumerate(words)))


# An item is an operator name, or a (negated, term) pair.
Item = str | tuple[bool, Term]


def _item(lexeme: str) -> Item | None:
    """What one lexeme is; None for punctuation that holds no word (`^`, `:`, an emoji)."""
    if lexeme == '"':
        raise QuerySyntaxError('The query has an unbalanced quote (").')
    if lexeme in OPERATORS:
        return lexeme
    negated = lexeme.startswith("-")
    core = lexeme[1:] if negated else lexeme
    phrase = core.startswith('"')
    words = tuple(WORD.findall(core))
    if not words:
        if core.strip("-*") == "" and not phrase:
            raise QuerySyntaxError(f"{lexeme!r} must be attached to a word, as in -word or word*.")
        return None
    return negated, Term(words, prefix=not phrase and core.endswith("*"))


class _Parser:
    """Reads items as clauses: `term (OR term)*`, joined by spaces or AND; NOT or `-` excludes one term."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.at = 0

    def clauses(self) -> tuple[list[tuple[Term, ...]], list[Term]]:
        groups: list[tuple[Term, ...]] = []
        excluded: list[Term] = []
        while self.at < len(self.items):
            if self._take("AND") and (not (groups or excluded) or self._ended()):
                raise QuerySyntaxError("AND needs a word on each side.")
            negated, group = self._clause()
            if negated:
                excluded.extend(group)
            else:
                groups.append(group)
        return groups, excluded

    def _clause(self) -> tuple[bool, tuple[Term, ...]]:
        negated, first = self._operand(keyword_not=self._take("NOT"))
        terms = [first]
        while self._take("OR"):
            other_negated, other = self._operand(keyword_not=self._take("NOT"))
            if negated or other_negated:
                raise QuerySyntaxError("An excluded word cannot be one side of an OR.")
            terms.append(other)
        return negated, tuple(terms)

    def _operand(self, *, keyword_not: bool) -> tuple[bool, Term]:
        item = self.items[self.at] if self.at < len(self.items) else None
        if not isinstance(item, tuple):
            before = self.items[self.at - 1] if self.at else None
            if isinstance(before, str):
                raise QuerySyntaxError(f"{before} needs a word after it.")
            raise QuerySyntaxError(f"{item} needs a word before it.")
        self.at += 1
        negated, term = item
        if keyword_not and negated:
            raise QuerySyntaxError("NOT and - cannot both apply to one word.")
        return negated or keyword_not, term

    def _take(self, operator: str) -> bool:
        if self.at < len(self.items) and self.items[self.at] == operator:
            self.at += 1
            return True
        return False

    def _ended(self) -> bool:
        return self.at >= len(self.items)
