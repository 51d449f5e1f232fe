"""Text helpers shared by ingest and queries: accent folding and slugs.

The folding functions are pure and called with the same short strings (names, words) over and over, so
their results are memoised in bounded caches.
"""

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
NON_SLUG = re.compile(r"[^a-z0-9]+")
CACHE_SIZE = 65536


@lru_cache(maxsize=CACHE_SIZE)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=CACHE_SIZE)
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
    return sum(map(_is_accented, text))


@lru_cache(maxsize=CACHE_SIZE)
def _is_accented(char: str) -> bool:
    """Whether :func:`strip_accents` changes the character (an accent, or a typographic apostrophe)."""
    return char != strip_accents(char)
