"""Text helpers shared by ingest and queries: accent folding and slugs."""

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
NON_SLUG = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key: 'Assimi  Goïta' -> 'assimi goita'."""
    return " ".join(strip_accents(text).casefold().replace("œ", "oe").replace("æ", "ae").split())


def slugify(text: str, *, max_length: int = 80) -> str:
    """URL-safe ASCII slug, cut at a word boundary: 'Reçu par Poutine' -> 'recu-par-poutine'."""
    slug = NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    if slug.isdigit():  # an all-digit slug would read as an id in paths
        slug = f"n-{slug}"
    return slug or "item"


def accent_score(text: str) -> int:
    """How many accented letters a spelling carries; the fuller spelling wins as canonical name."""
    return sum(1 for ch in text if ch != strip_accents(ch))
