"""The domain of a task from its own words and its section headings: a linear classifier.

The model (`data/domain-model.json`) is multinomial logistic regression over these groups
of features, each group scaled to unit length:

- the task's words without diacritics, single words and pairs ("w:ha tang");
- the words of its headings ("h:…" for the nearest, "u:…" for those above it);
- the cue lexicon of `domains.py` read over both ("cue:moi-truong", "hcue:moi-truong"),

multiplied with the cue lexicon's own vote (`lexicon_distribution`), so that a topic word
the gold never showed still counts: learned weights know the gold's phrasing, the lexicon
knows the taxonomy's words.

It is learned from the gold's labelled tasks by `theodoi build-models` (scikit-learn,
a build dependency only) and stored as plain JSON: weights per feature and class. Reading
it needs nothing but Python, and nothing is downloaded. `theodoi eval-domains` measures it
leave-one-document-out (see `domain_training.py`).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from theodoi.extraction.agencies import Gazetteer
from theodoi.extraction.domains import DOMAINS, domain_scores
from theodoi.extraction.lexicon import AgencyLexicon
from theodoi.extraction.structure import Paragraph, paragraphs
from theodoi.lib.text import is_mostly_capitals, search_key

if TYPE_CHECKING:
    from theodoi.extraction.extractor import Extraction

MODEL_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "domain-model.json"

_WORD = re.compile(r"[a-z]+|\d+")


@lru_cache(maxsize=4096)  # headings recur over every task below them
def _grams(text: str) -> tuple[str, ...]:
    words = [w if not w.isdigit() else "0" for w in _WORD.findall(search_key(text))]
    return tuple(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


def _unit(prefix: str, grams: Iterable[str]) -> dict[str, float]:
    present = {prefix + g for g in grams}
    if not present:
        return {}
    value = 1 / math.sqrt(len(present))
    return dict.fromkeys(present, value)


def _cues(prefix: str, text: str) -> dict[str, float]:
    scores = domain_scores(text) if text else {}
    norm = math.sqrt(sum(v * v for v in scores.values()))
    return {prefix + domain: value / norm for domain, value in scores.items()} if norm else {}


def features(text: str, headings: Sequence[str] = ()) -> dict[str, float]:
    """The classifier's features of a task text (agency names already removed) and its
    headings, nearest first."""
    nearest = headings[0] if headings else ""
    above = " | ".join(headings[1:])
    result = _unit("w:", _grams(text))
    result.update(_unit("h:", _grams(nearest)))
    result.update(_unit("u:", _grams(above)))
    result.update(_cues("cue:", text))
    result.update(_cues("hcue:", " | ".join(headings)))
    return result


# The cue lexicon's own vote: the task's words count fully, each heading less the further
# up it is (the extractor's weighting before the model).
HEADING_WEIGHTS = (0.7, 0.3, 0.2, 0.2)


def lexicon_distribution(text: str, headings: Sequence[str] = ()) -> dict[str, float]:
    """The cue lexicon's vote as a distribution over domains, smoothed (+0.5 per domain) so
    that a domain without cues is unlikely, not impossible."""
    scores = dict(domain_scores(text)) if text else {}
    for weight, heading in zip(HEADING_WEIGHTS, headings):
        for domain, score in domain_scores(heading).items():
            scores[domain] = scores.get(domain, 0.0) + weight * score
    total = sum(scores.values()) + 0.5 * len(DOMAINS)
    return {domain: (scores.get(domain, 0.0) + 0.5) / total for domain in DOMAINS}


LEVELS = ("part", "roman", "number", "letter")


def _is_heading(text: str, paragraph: Paragraph) -> bool:
    body = paragraph.body(text).strip()
    if not body or paragraph.is_table_row:
        return False
    if paragraph.marker_kind == "part":
        return True
    upper = is_mostly_capitals(body)
    if paragraph.marker_kind in ("roman", "number", "letter", "article"):
        return bool(upper) or (not re.search(r"[.;!?…]\s*$", body) and len(body) < 400)
    return bool(upper) and len(body) < 600


def _is_group_row(text: str, paragraph: Paragraph) -> bool:
    cells = [text[s:e].strip() for s, e in paragraph.cells]
    filled = [c for c in cells if c]
    return 0 < len(filled) <= 2 and (bool(re.match(r"^[IVXLC]+\.?$|^[A-ZĐ]\.?$", filled[0]))
                                     or is_mostly_capitals(filled[-1]))


def heading_contexts(text: str, paras: list[Paragraph]) -> list[tuple[str, ...]]:
    """For each paragraph, the headings above it (nearest first), itself not included."""
    headings: dict[str, str] = {}
    group = ""
    result = []
    for paragraph in paras:
        ordered = tuple(headings[level] for level in reversed(LEVELS) if headings.get(level))
        result.append(((group,) if paragraph.is_table_row and group else ()) + ordered)
        if paragraph.is_table_row:
            if _is_group_row(text, paragraph):
                group = " ".join(text[s:e] for s, e in paragraph.cells).strip()
            continue
        group = ""
        if _is_heading(text, paragraph):
            body = paragraph.body(text).strip()
            level = paragraph.marker_kind if paragraph.marker_kind in LEVELS else "roman"
            if paragraph.marker_kind is None and not is_mostly_capitals(body):
                level = "number"
            for deeper in LEVELS[LEVELS.index(level):]:
                headings.pop(deeper, None)
            headings[level] = body
    return result


class AgencyStripper:
    """A text without the agency names in it: names are not topics ("Sở Thông tin và Truyền
    thông" says nothing about publicity)."""

    def __init__(self, lexicon: AgencyLexicon) -> None:
        self.gazetteer = Gazetteer(lexicon)

    def __call__(self, text: str) -> str:
        _, mentions = self.gazetteer.find(text)
        pieces, cursor = [], 0
        for mention in mentions:
            pieces.append(text[cursor:mention.start])
            cursor = mention.end
        pieces.append(text[cursor:])
        return " | ".join(pieces)


@dataclass(frozen=True)
class DomainModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    # How much the cue lexicon's vote counts beside the learned weights (a product of the two
    # distributions, the lexicon's raised to this power). Chosen leave-one-document-out.
    lexicon_weight: float = 3.0

    def probabilities(self, text: str, headings: Sequence[str] = ()) -> dict[str, float]:
        scores = list(self.intercept)
        for feature, value in features(text, headings).items():
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w * value for s, w in zip(scores, row)]
        if self.lexicon_weight:
            prior = lexicon_distribution(text, headings)
            scores = [s + self.lexicon_weight * math.log(prior[c]) for s, c in zip(scores, self.classes)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {domain: e / total for domain, e in zip(self.classes, exps)}

    def classify(self, text: str, headings: Sequence[str] = ()) -> tuple[str, float]:
        """The most probable domain and its probability."""
        probabilities = self.probabilities(text, headings)
        domain = max(probabilities, key=lambda d: (probabilities[d], -DOMAINS.index(d)))
        return domain, probabilities[domain]

    def as_json(self) -> dict:
        return {"format": 1, "classes": list(self.classes), "intercept": list(self.intercept),
                "lexicon_weight": self.lexicon_weight,
                "weights": {f: list(w) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "DomainModel":
        return cls(tuple(data["classes"]), tuple(data["intercept"]),
                   {f: tuple(w) for f, w in data["weights"].items()}, float(data.get("lexicon_weight", 0.0)))


@lru_cache(maxsize=1)
def shipped_model() -> DomainModel:
    """The model committed in data/domain-model.json, read once."""
    return DomainModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


_override: list[DomainModel] = []


@contextmanager
def using(model: DomainModel) -> Iterator[None]:
    """Extract with `model` instead of the shipped one (leave-one-document-out evaluation)."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def classify_domain(text: str, headings: Sequence[str] = ()) -> tuple[str, float]:
    """(domain, probability) of a task whose own words are `text` (agency names removed)
    under `headings` (nearest first), by the shipped model."""
    return shipped_model().classify(text, headings)


def assign_domains(extraction: Extraction, text: str, lexicon: AgencyLexicon) -> None:
    """Give every candidate of `extraction` its domain and the model's probability for it,
    from its own words and the headings above it in `text` (read as the model was trained)."""
    if not extraction.tasks:
        return
    model = _override[-1] if _override else shipped_model()
    strip = AgencyStripper(lexicon)
    paras = paragraphs(text)
    contexts = heading_contexts(text, paras)
    starts = [p.start for p in paras]
    stripped: dict[str, str] = {}  # headings recur over many tasks: strip each once

    def without_agencies(heading: str) -> str:
        if heading not in stripped:
            stripped[heading] = strip(heading)
        return stripped[heading]

    for task in extraction.tasks:
        index = bisect.bisect_right(starts, task.start) - 1
        headings = contexts[index] if index >= 0 else ()
        headings = tuple(without_agencies(h) for h in headings if h.strip() != task.text.strip())
        task.domain, task.domain_probability = model.classify(strip(task.text), headings)
