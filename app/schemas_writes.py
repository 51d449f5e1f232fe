"""The shape of article writes: `ArticleCreate` (JSON) and the seed-file grammar (`text/plain`), each accepting
what the seed-format reader reads, no more and no less."""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from app.schemas import FIRST_PARAGRAPH, SEED_SUMMARY

# What a JSON write must look like for the seed-format reader to accept it, no more and no less: one-line title
# and caption, a body with some text, no control characters (C0 or C1) but tabs and (in the body) line breaks.
# `\s` differs between regex flavours only on U+0085 and U+FEFF, both excluded explicitly, so clients and
# fuzzers that read these patterns with other engines agree with the server.
LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
TITLE = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f\ufeff-][^\x00-\x1f\x7f-\x9f]*$"
TEXT = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f\ufeff][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
DAY = r"[1-9][0-9]{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
TIME = r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9])?)?"
FRONT_MATTER = (
    r"---\n(?:(?:title|url): [^\x00-\x1f\x7f-\x9f]{0,2000}\n|source: [^\x00-\x1f\x7f-\x9f]{0,200}\n|language: [a-z]{2}\n"
    rf"|published_at: {DAY}{TIME}\n)*---\n"
)
# A seed file (`text/plain` writes): optional front matter, a title line, a blank line, then the body.
SEED_FILE = (
    rf"^(?:{FRONT_MATTER})?[^\s\x00-\x1f\x7f-\x9f\ufeff-][^\x00-\x1f\x7f-\x9f]*\n\n"
    r"[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f\ufeff][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
)
Paragraph = Annotated[str, Field(pattern=TEXT)]
Paragraphs = Annotated[list[Paragraph], Field(min_length=1)]


def as_paragraphs(value: Any) -> Any:
    """A body sent as one string is a list of one (the reader splits it at blank lines)."""
    return [value] if isinstance(value, str) else value


class ArticleCreate(BaseModel):
    """An article to add or replace: the fields of a seed file, as JSON."""

    model_config = ConfigDict(
        extra="forbid", strict=True, regex_engine="python-re",
        json_schema_extra={"examples": [{
            "title": str(SEED_SUMMARY["title"]), "caption": str(SEED_SUMMARY["caption"]), "body": [FIRST_PARAGRAPH],
            "published_at": "2025-06-23", "language": "fr", "source": "AFP",
        }]},
    )  # fmt: skip

    title: str = Field(pattern=TITLE, description="One line, with at least one letter, digit or sign.")
    caption: str | None = Field(None, pattern=LINE, description="One line; a full sentence reads as a paragraph.")
    body: Annotated[Paragraphs, BeforeValidator(as_paragraphs, json_schema_input_type=Paragraph | Paragraphs)] = Field(
        description="The paragraphs: one string (paragraphs separated by a blank line) or a list."
    )
    published_at: date | None = Field(None, description="The publication date; else read from the dateline.")
    language: str | None = Field(None, pattern=r"^[a-z]{2}$", description="ISO 639-1; else detected.")
    source: str | None = Field(None, pattern=LINE, max_length=200, description="The agency or paper.")
