"""Language identification of article text (ISO 639-1)."""

from functools import cache
from typing import Any

SUPPORTED = {"fr"}
# The languages news copy comes in. Left open, the identifier reads short French texts as Ligurian or
# Occitan; a closed set of major languages keeps it right on a headline and one paragraph.
NEWS_LANGUAGES = ["fr", "en", "es", "de", "it", "pt", "nl", "ar", "ru", "zh", "ja", "tr", "pl", "sv", "da", "no",
                  "ro", "el", "uk", "sw", "ko", "hi", "fa", "he", "id"]  # fmt: skip


def detect_language(text: str) -> str:
    """The most likely ISO 639-1 code of a text."""
    code, _probability = _identifier().classify(text[:5000])
    return str(code)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(NEWS_LANGUAGES)
    return identifier


def skip_reason(language: str) -> str | None:
    """Why extraction does not run for this language, or None when it does."""
    if language in SUPPORTED:
        return None
    return f"extraction skipped: language '{language}' is not supported (supported: {', '.join(sorted(SUPPORTED))})"
