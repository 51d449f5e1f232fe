"""Language identification of article text (ISO 639-1)."""

SUPPORTED = {"fr"}


def detect_language(text: str) -> str:
    """The most likely ISO 639-1 code of a text."""
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def skip_reason(language: str) -> str | None:
    """Why extraction does not run for this language, or None when it does."""
    if language in SUPPORTED:
        return None
    return f"extraction skipped: language '{language}' is not supported (supported: {', '.join(sorted(SUPPORTED))})"
