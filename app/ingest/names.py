"""First names and the gender they usually carry (offline data from the gender-guesser package)."""

from collections.abc import Callable
from functools import cache

from app.text import fold


@cache
def first_name_gender(first_name: str) -> str | None:
    """'Awa' -> 'f', 'Moussa' -> 'm', None when the name is unknown or used for both."""
    return _gender_detector()(fold(first_name.split("-")[0]).capitalize())


@cache
def _gender_detector() -> Callable[[str], str | None]:
    import gender_guesser.detector as detector

    guesser = detector.Detector(case_sensitive=False)
    answers = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
    return lambda name: answers.get(guesser.get_gender(name))
