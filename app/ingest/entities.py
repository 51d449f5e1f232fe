"""What resolution produces: entities of one article, each with its mentions."""

from dataclasses import dataclass, field

from app.ingest.gazetteer import GazetteerEntry

PERSON, PLACE, ORGANISATION = "person", "place", "organisation"


@dataclass(frozen=True, slots=True)
class Occurrence:
    section: int
    start: int
    end: int
    surface: str


@dataclass(slots=True)
class ResolvedEntity:
    type: str
    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Occurrence] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    place: GazetteerEntry | None = None
    country_code: str | None = None


def section_of(index: int, has_caption: bool) -> tuple[str, int | None]:
    """Where text number `index` of [title, caption?, *paragraphs] sits: ('body', 2), ('title', None)."""
    if index == 0:
        return "title", None
    if has_caption and index == 1:
        return "caption", None
    return "body", index - 1 - int(has_caption)
