"""Seed-file reader: bytes in, a `RawArticle` out. Knows the file format and nothing else."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

FRONT_MATTER_KEYS = ("title", "published_at", "source", "url", "language")
SENTENCE_END = re.compile(r"[.!?…][\"»”’')\]\s]*$")
BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
FRENCH_DATE = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
DATELINE_CHARS = 80


class ReadError(ValueError):
    """A file that cannot be read as an article; the message says why."""


@dataclass(frozen=True, slots=True)
class RawArticle:
    title: str
    caption: str | None
    paragraphs: list[str]
    content_hash: str
    published_at: date | None = None
    language: str | None = None
    source: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def read_article(data: bytes) -> RawArticle:
    """Parses one article in the seed format; raises `ReadError` with a reason for bad input."""
    meta, blocks = _split_front_matter(_decode(data))
    title, caption, paragraphs = _layout(blocks)
    title = meta.get("title") or title
    return RawArticle(
        title=title,
        caption=caption,
        paragraphs=paragraphs,
        content_hash=_hash(meta, title, caption, paragraphs),
        published_at=_published_at(meta, caption, paragraphs),
        language=_language(meta),
        source=meta.get("source"),
        url=meta.get("url"),
        metadata=meta,
    )


def build_article(title: str, caption: str | None, body: str | list[str], **meta: str) -> RawArticle:
    """Builds an article from structured fields (the JSON write path), applying the same rules."""
    lines = [title, "", caption or "", ""] + ([body] if isinstance(body, str) else ["\n\n".join(body)])
    front = "".join(f"{key}: {value}\n" for key, value in meta.items() if value)
    text = (f"---\n{front}---\n" if front else "") + "\n".join(lines)
    return read_article(text.encode("utf-8"))


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if _control_ratio(text) > 0.01:
        raise ReadError("binary file (control characters), expected UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text)


def _split_front_matter(text: str) -> tuple[dict[str, str], list[str]]:
    stripped = text.lstrip()
    if not stripped.startswith("---\n"):
        return {}, _blocks(text)
    end = stripped.find("\n---", 3)
    if end < 0 or stripped[end + 4 : end + 5] not in ("\n", ""):
        raise ReadError("front matter opened with '---' but never closed")
    return _parse_front_matter(stripped[4:end]), _blocks(stripped[end + 4 :])


def _parse_front_matter(text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            allowed = ", ".join(FRONT_MATTER_KEYS)
            raise ReadError(f"front matter line {number}: expected 'key: value' with a key among {allowed}")
        meta[key] = value.strip().strip("\"'")
    return meta


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in BLANK_LINE.split(text) if block.strip()]


def _layout(blocks: list[str]) -> tuple[str, str | None, list[str]]:
    if not blocks:
        raise ReadError("empty file")
    title, _, rest = blocks[0].partition("\n")
    paragraphs = [_join_lines(block) for block in ([rest] if rest.strip() else []) + blocks[1:]]
    if not paragraphs:
        raise ReadError("title only: no body paragraphs after the title line")
    caption = paragraphs[0] if len(paragraphs) > 1 and _is_caption(blocks, rest) else None
    return title.strip(), caption, paragraphs[1:] if caption else paragraphs


def _is_caption(blocks: list[str], title_rest: str) -> bool:
    candidate = title_rest if title_rest.strip() else blocks[1]
    return "\n" not in candidate.strip() and not SENTENCE_END.search(candidate.strip())


def _join_lines(block: str) -> str:
    return " ".join(line.strip() for line in block.split("\n") if line.strip())


def _hash(meta: dict[str, str], title: str, caption: str | None, paragraphs: list[str]) -> str:
    parts = [f"{key}={meta[key]}" for key in sorted(meta)] + [title, caption or "", *paragraphs]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


def _published_at(meta: dict[str, str], caption: str | None, paragraphs: list[str]) -> date | None:
    if "published_at" in meta:
        return _iso_date(meta["published_at"])
    return french_date(paragraphs[0][:DATELINE_CHARS]) or (french_date(caption) if caption else None)


def _iso_date(value: str) -> date:
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise ReadError(f"front matter published_at {value!r} is not an ISO 8601 date") from None


def french_date(text: str) -> date | None:
    """Finds the first French written date ("23 juin 2025", "1er mai 2024") in a text."""
    match = FRENCH_DATE.search(text)
    if not match:
        return None
    day = 1 if match[1].lower() == "1er" else int(match[1])
    try:
        return date(int(match[3]), MONTHS[match[2].lower()], day)
    except ValueError:
        return None


def _language(meta: dict[str, str]) -> str | None:
    value = meta.get("language", "").lower()
    if value and not re.fullmatch(r"[a-z]{2}", value):
        raise ReadError(f"front matter language {value!r} is not an ISO 639-1 code")
    return value or None
