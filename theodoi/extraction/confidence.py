"""How likely a candidate task is to be right as proposed: its confidence.

A candidate is right when it is a task of the document and its lead agencies, coordinating
agencies, domain and deadline are the ones the office would keep. The confidence is the
probability of that, from signals the extractor has once it has read the document
(`signals`): the domain model's probability, whether every agency name was known, whether
a deadline phrase could be read as a date. The weights (`data/confidence-model.json`,
logistic regression) are learned from the gold by `theodoi build-models` on candidates of
documents the models did not see (leave one document out), so they reflect errors on
unseen text; `theodoi eval-domains` reports how many of the errors fall in the
lowest-confidence third of each document's candidates.

Plain Python at run time; the review screen sorts candidates by it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from theodoi.extraction.extractor import Extraction, TaskCandidate

MODEL_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "confidence-model.json"


def signals(task: TaskCandidate) -> dict[str, float]:
    """What the extractor knows about a candidate that bears on its being right.

    Few on purpose: of the signals tried (the extractor's own directive score, lead found or
    named in the sentence, several or collective leads, coordinating agencies, the clause's
    length), these three ranked errors best on documents the weights had not seen; more
    signals fitted the training documents and ranked unseen ones worse."""
    return {
        "log_domain": math.log(max(task.domain_probability, 1e-3)),
        "unknown_names": float(bool(task.unresolved)),  # agencies kept as written: not in the registry
        "deadline_unread": float(task.deadline is not None and task.deadline.due is None),
    }


@dataclass(frozen=True)
class ConfidenceModel:
    intercept: float
    weights: dict[str, float]

    def probability(self, task: TaskCandidate) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in signals(task).items())
        return 1 / (1 + math.exp(-z))

    def as_json(self) -> dict:
        return {"format": 1, "intercept": self.intercept, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict) -> ConfidenceModel:
        return cls(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()})


@lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel:
    return ConfidenceModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


_raw: list[bool] = []


@contextmanager
def raw() -> Iterator[None]:
    """Extract without assessing: candidates keep the extractor's own score (to learn from)."""
    _raw.append(True)
    try:
        yield
    finally:
        _raw.pop()


def assess_confidence(extraction: Extraction, model: ConfidenceModel | None = None) -> None:
    """Replace each candidate's confidence by the model's probability that it is right."""
    if _raw:
        return
    model = model or shipped_model()
    for task in extraction.tasks:
        task.confidence = round(model.probability(task), 4)
