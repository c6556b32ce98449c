"""Learning the domain model from the gold, and measuring it leave-one-document-out.

Each labelled gold task becomes one example: the sentence(s) of its source holding the
gold anchor, agency names removed (as the extractor removes them), and the headings above
it, nearest first — the section headings the structure reader finds and, in a task table,
the group row. The label is the first domain the gold lists; a prediction is right when
it is any of them (the scorer's rule).

scikit-learn is needed here only (a build and test dependency): the result is written as
JSON that `domain_model.py` reads with plain Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from theodoi.extraction.domain_model import (
    AgencyStripper, DomainModel, features, heading_contexts, lexicon_distribution,
)
from theodoi.extraction.confidence import ConfidenceModel
from theodoi.extraction.domains import DOMAINS
from theodoi.extraction.lexicon import default_lexicon
from theodoi.extraction.structure import paragraphs, sentences
from theodoi.extraction.scoring import norm
from theodoi.lib.text import find_quote
# Regularisation of the logistic regression (inverse strength) and the weight of the cue
# lexicon's vote, chosen by leave-one-document-out (`theodoi eval-domains --grid`).
C = 4.0
LEXICON_WEIGHT = 3.0
MIN_TASKS = 2  # a feature must occur in this many training tasks


@dataclass(frozen=True)
class Example:
    document: str
    text: str  # the task's words, agency names removed
    headings: tuple[str, ...]  # nearest first
    domains: tuple[str, ...]  # right answers, the first is the label


def gold_files(gold_dir: Path) -> list[Path]:
    """The development set: gold/*.json and gold/next/*.json."""
    return sorted(gold_dir.glob("*.json")) + sorted((gold_dir / "next").glob("*.json"))


def document_examples(gold: dict, text: str, strip: AgencyStripper | None = None) -> list[Example]:
    """The labelled tasks of one gold document as examples."""
    strip = strip or AgencyStripper(default_lexicon())
    paras = paragraphs(text)
    contexts = heading_contexts(text, paras)
    examples = []
    for task in gold["tasks"]:
        if not task.get("domain"):
            continue
        span = find_quote(text, task["anchor"])
        if span is None:
            continue
        index = next((i for i, p in enumerate(paras) if p.start <= span[0] < p.end + 1), None)
        if index is None:
            continue
        paragraph = paras[index]
        if paragraph.is_table_row:
            cell = next(((s, e) for s, e in paragraph.cells if s <= span[0] <= e), paragraph.cells[0])
            words = text[cell[0]:cell[1]]
        else:
            chosen = [(s, e) for s, e in sentences(text, paragraph.body_start, paragraph.end)
                      if s < span[1] and e > span[0]]
            words = " ".join(text[s:e] for s, e in chosen) or text[span[0]:span[1]]
        examples.append(Example(gold["file"], strip(words), tuple(strip(h) for h in contexts[index]),
                                tuple(task["domain"])))
    return examples


def load_examples(files: Iterable[Path], corpus: Path) -> list[Example]:
    from theodoi.extraction.readers import read_document

    strip = AgencyStripper(default_lexicon())
    examples: list[Example] = []
    for path in files:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        source = corpus / gold["file"]
        text = read_document(source.name, source.read_bytes()).text
        examples.extend(document_examples(gold, text, strip))
    return examples


def train(examples: Sequence[Example], *, c: float = C, lexicon_weight: float = LEXICON_WEIGHT) -> DomainModel:
    """Multinomial logistic regression on the examples' features (deterministic: lbfgs from
    zero, one thread)."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    rows = [features(e.text, e.headings) for e in examples]
    # A word or pair seen in one task only says nothing general and would fill the file.
    seen: dict[str, int] = {}
    for row in rows:
        for name in row:
            seen[name] = seen.get(name, 0) + 1
    rows = [{k: v for k, v in row.items() if seen[k] >= MIN_TASKS} for row in rows]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    labels = [e.domains[0] for e in examples]
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    with threadpool_limits(1):  # threads only fight over a small problem on a shared machine
        model.fit(matrix, labels)
    classes = tuple(str(c) for c in model.classes_)
    weights: dict[str, tuple[float, ...]] = {}
    for index, name in enumerate(vectorizer.get_feature_names_out()):
        column = tuple(round(float(w), 3) for w in model.coef_[:, index])
        if any(abs(w) >= 0.002 for w in column):
            weights[str(name)] = column
    intercept = tuple(round(float(b), 3) for b in model.intercept_)
    return DomainModel(classes, intercept, weights, lexicon_weight)


@dataclass
class DomainEvaluation:
    per_document: dict[str, tuple[int, int]]  # document → (right, total)
    predictions: list[tuple[Example, str, float]]

    @property
    def accuracy(self) -> float:
        right = sum(r for r, _ in self.per_document.values())
        total = sum(t for _, t in self.per_document.values())
        return right / total if total else 0.0


def _score(model_for: dict[str, DomainModel], examples: Sequence[Example]) -> DomainEvaluation:
    per_document: dict[str, tuple[int, int]] = {}
    predictions = []
    for example in examples:
        domain, probability = model_for[example.document].classify(example.text, example.headings)
        right, total = per_document.get(example.document, (0, 0))
        per_document[example.document] = (right + (domain in example.domains), total + 1)
        predictions.append((example, domain, probability))
    return DomainEvaluation(per_document, predictions)


def lodo_models(examples: Sequence[Example], *, c: float = C,
                lexicon_weight: float = LEXICON_WEIGHT) -> dict[str, DomainModel]:
    """For each document, the model trained on all the others."""
    documents = sorted({e.document for e in examples})
    return {d: train([e for e in examples if e.document != d], c=c, lexicon_weight=lexicon_weight)
            for d in documents}


def leave_one_document_out(examples: Sequence[Example], models: dict[str, DomainModel] | None = None,
                           ) -> DomainEvaluation:
    """Each document scored by a model trained on all the others."""
    return _score(models or lodo_models(examples), examples)


def in_sample(examples: Sequence[Example], model: DomainModel) -> DomainEvaluation:
    return _score({e.document: model for e in examples}, examples)


def lexicon_baseline(examples: Sequence[Example]) -> DomainEvaluation:
    """The cue lexicon alone (own words, then headings), close to what the extractor did before."""
    per_document: dict[str, tuple[int, int]] = {}
    predictions = []
    for example in examples:
        votes = lexicon_distribution(example.text, example.headings)
        domain = max(votes, key=lambda d: (votes[d], -DOMAINS.index(d)))
        right, total = per_document.get(example.document, (0, 0))
        per_document[example.document] = (right + (domain in example.domains), total + 1)
        predictions.append((example, domain, votes[domain]))
    return DomainEvaluation(per_document, predictions)




# --- confidence -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    document: str
    signals: dict[str, float]
    right: bool  # a task of the gold with its lead, coordinating agencies, domain and deadline right
    directive: float  # the extractor's own score for the sentence being a directive (for comparison)


def _agencies_right(gold_sets: list[list[str]] | None, predicted: list[str]) -> bool:
    if gold_sets is None:
        return True
    names = {norm(n) for n in predicted}
    return len(names) == len(gold_sets) and all(names & {norm(a) for a in aliases} for aliases in gold_sets)


def judge(gold: dict, tasks: list) -> list[bool | None]:
    """Per candidate: right, wrong, or None (it is an optional gold task: not counted). Gold
    tasks are matched to candidates as the scorer matches them."""
    texts = [norm(t.text) for t in tasks]
    verdicts: list[bool | None] = [False] * len(tasks)
    used: set[int] = set()
    for g in gold["tasks"]:
        anchor = norm(g["anchor"])
        hit = next((i for i, t in enumerate(texts) if i not in used and anchor in t), None)
        if hit is None:
            continue
        used.add(hit)
        if g.get("optional"):
            verdicts[hit] = None
            continue
        task = tasks[hit]
        verdicts[hit] = (_agencies_right(g.get("lead"), task.lead)
                         and _agencies_right(g.get("coordinating"), task.coordinating)
                         and (not g.get("domain") or task.domain in g["domain"])
                         and (g.get("due") is None or (task.deadline is not None and str(task.deadline.due) == g["due"])))
    return verdicts


def candidate_rows(files: Sequence[Path], corpus: Path, models: dict[str, DomainModel]) -> list[CandidateRow]:
    """The candidates the extractor proposes for each gold document, with the domain model
    trained without that document, and whether each is right."""
    from theodoi.extraction import confidence, domain_model
    from theodoi.extraction.extractor import Extractor
    from theodoi.extraction.readers import read_document

    extractor = Extractor(default_lexicon())
    rows = []
    for path in files:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        source = corpus / gold["file"]
        text = read_document(source.name, source.read_bytes()).text
        with domain_model.using(models[gold["file"]]), confidence.raw():
            tasks = extractor.extract(text).tasks
        for task, verdict in zip(tasks, judge(gold, tasks)):
            if verdict is not None:
                rows.append(CandidateRow(gold["file"], confidence.signals(task), verdict, task.confidence))
    return rows


def train_confidence(rows: Sequence[CandidateRow]) -> ConfidenceModel:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    names = sorted(rows[0].signals)
    model = LogisticRegression(C=1.0, max_iter=2000)
    with threadpool_limits(1):
        model.fit([[r.signals[n] for n in names] for r in rows], [r.right for r in rows])
    return ConfidenceModel(round(float(model.intercept_[0]), 4),
                           {n: round(float(w), 4) for n, w in zip(names, model.coef_[0])})


@dataclass
class ConfidenceEvaluation:
    scored: list[tuple[float, CandidateRow]]  # (confidence, candidate), confidence from a model without its document

    def errors_in_lowest_third(self, by: str = "confidence") -> tuple[int, int, int]:  # or by="directive"
        """(errors among the lowest-confidence third of each document's candidates — what a
        reviewer sorting one document's candidates sees first —, all errors, candidates in those thirds)."""
        documents: dict[str, list[tuple[float, CandidateRow]]] = {}
        for value, row in self.scored:
            documents.setdefault(row.document, []).append((value if by == "confidence" else row.directive, row))
        low = errors = size = 0
        for pairs in documents.values():
            pairs.sort(key=lambda pair: pair[0])
            third = round(len(pairs) / 3)
            size += third
            low += sum(1 for _, row in pairs[:third] if not row.right)
            errors += sum(1 for _, row in pairs if not row.right)
        return low, errors, size


def confidence_leave_one_document_out(rows: Sequence[CandidateRow]) -> ConfidenceEvaluation:
    scored = []
    for document in sorted({r.document for r in rows}):
        model = train_confidence([r for r in rows if r.document != document])
        for row in rows:
            if row.document == document:
                z = model.intercept + sum(model.weights[k] * v for k, v in row.signals.items())
                scored.append((1 / (1 + math.exp(-z)), row))
    return ConfidenceEvaluation(scored)


def write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")
