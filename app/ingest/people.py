"""Person clustering within one article: full names, surname-only and 'M./Mme X' references."""

from difflib import SequenceMatcher

from app.ingest.lexicon import NAME_PARTICLES
from app.ingest.names import first_name_gender
from app.ingest.spans import Candidate
from app.text import accent_score, fold

Cluster = list[Candidate]
TRANSLITERATION_SIMILARITY = 0.8


def name_tokens(candidate: Candidate) -> list[str]:
    return fold(candidate.text).split()


def cluster_people(people: list[Candidate]) -> list[Cluster]:
    """Groups person candidates: one cluster per full name, short references joined to the right one."""
    ordered = sorted(people, key=lambda c: (c.section, c.start))
    clusters = _full_name_clusters([c for c in ordered if len(name_tokens(c)) > 1])
    for candidate in (c for c in ordered if len(name_tokens(c)) == 1):
        _attach(candidate, clusters)
    return clusters


def _full_name_clusters(full: list[Candidate]) -> list[Cluster]:
    by_name: dict[str, Cluster] = {}
    for candidate in full:
        by_name.setdefault(" ".join(name_tokens(candidate)), []).append(candidate)
    clusters = sorted(by_name.values(), key=lambda c: -len(name_tokens(c[0])))
    merged: list[Cluster] = []
    for cluster in clusters:
        home = [m for m in merged if _same_person(name_tokens(cluster[0]), name_tokens(m[0]))]
        if len(home) == 1 and _compatible(gender_of(home[0]), gender_of(cluster)):
            home[0].extend(cluster)
        else:
            merged.append(cluster)
    return merged


def _same_person(short: list[str], long: list[str]) -> bool:
    """'Lamine Zeine' within 'Ali Lamine Zeine'; 'Sergei Lavrov' beside 'Sergueï Lavrov'.

    A three-word name is a person of its own ('Idriss Déby Itno' is not his son 'Mahamat Idriss Déby Itno').
    """
    if len(short) == 2 and len(short) < len(long) and long[-2:] == short:
        return True
    same_length = len(short) == len(long) and short[1:] == long[1:]
    return same_length and SequenceMatcher(None, short[0], long[0]).ratio() >= TRANSLITERATION_SIMILARITY


def _attach(candidate: Candidate, clusters: list[Cluster]) -> None:
    surname = name_tokens(candidate)[0]
    matches = [c for c in clusters if surname in _surnames(c)] or [c for c in clusters if surname == _first_name(c)]
    fitting = [c for c in matches if _compatible(candidate.gender, gender_of(c))] or matches
    if not fitting:
        clusters.append([candidate])
        return
    _nearest_before(candidate, fitting).append(candidate)


def surnames(tokens: list[str]) -> set[str]:
    """The words a person may be called by alone: all but the first name and particles ('ould', 'da')."""
    return {t for t in tokens[1:] if t not in NAME_PARTICLES} if len(tokens) > 1 else set(tokens)


def _surnames(cluster: Cluster) -> set[str]:
    return surnames(name_tokens(max(cluster, key=lambda c: len(name_tokens(c)))))


def _first_name(cluster: Cluster) -> str | None:
    tokens = name_tokens(max(cluster, key=lambda c: len(name_tokens(c))))
    return tokens[0] if len(tokens) > 1 else None


def _nearest_before(candidate: Candidate, clusters: list[Cluster]) -> Cluster:
    def last_position(cluster: Cluster) -> tuple[int, int]:
        before = [(c.section, c.start) for c in cluster if (c.section, c.start) < (candidate.section, candidate.start)]
        return max(before, default=(-1, -1))

    return max(clusters, key=last_position)


def _compatible(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def gender_of(cluster: Cluster) -> str | None:
    """The gender the honorifics and role titles give, else the first name's usual gender."""
    votes = [c.gender for c in cluster if c.gender]
    if votes:
        return max(set(votes), key=votes.count)
    full = max(cluster, key=lambda c: len(name_tokens(c)))
    return first_name_gender(full.text.split()[0]) if len(name_tokens(full)) > 1 else None


def canonical_name(cluster: Cluster) -> str:
    """The fullest spelling: most words, then most accents, then first seen."""
    best = max(cluster, key=lambda c: (len(name_tokens(c)), accent_score(c.text), -c.section, -c.start))
    return best.text
