"""Running the extractor over a gold directory and scoring it (used by the command and tests)."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from theodoi.extraction.extractor import Extractor
from theodoi.extraction.lexicon import AgencyLexicon
from theodoi.extraction.scoring import micro, score


@dataclass
class EvaluationReport:
    per_document: dict[str, dict] = field(default_factory=dict)
    micro: dict = field(default_factory=dict)
    predictions: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def evaluate_directory(gold_files: Iterable[Path], corpus: Path, *, lexicon: AgencyLexicon | None = None,
                       on_done: Callable[[str], None] | None = None) -> EvaluationReport:
    from theodoi.extraction.readers import ReadError, read_document

    extractor = Extractor(lexicon)
    report = EvaluationReport()
    results = []
    for gold_path in gold_files:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        source = corpus / gold["file"]
        try:
            text = read_document(source.name, source.read_bytes()).text
        except (OSError, ReadError) as exc:
            report.problems.append(f"{gold_path.name}: không đọc được {source}: {getattr(exc, 'message', exc)}")
            continue
        predicted = extractor.extract(text).as_dict()
        scores = score(gold, predicted)
        results.append(scores)
        report.per_document[gold_path.stem] = {k: v for k, v in scores.items() if k != "counts"}
        report.predictions[gold_path.stem] = predicted
        if on_done:
            on_done(gold_path.stem)
    report.micro = micro(results) if results else {}
    return report


@dataclass
class VariantReport:
    """Scores of rewritten copies of the gold documents (`variants.py`), per kind of rewrite."""

    by_kind: dict[str, dict] = field(default_factory=dict)  # "places" → micro scores
    # The same documents unrewritten, once per variant: what each kind is to be compared with
    # (a kind that only applies to the weaker documents scores lower without losing anything).
    originals_by_kind: dict[str, dict] = field(default_factory=dict)
    per_variant: dict[str, dict] = field(default_factory=dict)  # "kh141 places-1: …" → scores
    predictions: dict[str, tuple[dict, dict]] = field(default_factory=dict)  # name → (gold, predicted)


def evaluate_variants(gold_files: Iterable[Path], corpus: Path, *, lexicon: AgencyLexicon | None = None,
                      kinds: Iterable[str] | None = None) -> VariantReport:
    """Score the extractor on every variant of every gold document, grouped by kind."""
    from theodoi.extraction.readers import read_document
    from theodoi.extraction.variants import all_variants

    extractor = Extractor(lexicon)
    report = VariantReport()
    results: dict[str, list[dict]] = {}
    originals: dict[str, list[dict]] = {}
    wanted = set(kinds) if kinds is not None else None
    for gold_path in gold_files:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        source = corpus / gold["file"]
        text = read_document(source.name, source.read_bytes()).text
        original = score(gold, extractor.extract(text).as_dict())
        for variant in all_variants(text, gold):
            kind = variant.name.split(":")[0].split("-")[0]
            if wanted is not None and kind not in wanted:
                continue
            predicted = extractor.extract(variant.text).as_dict()
            scores = score(variant.gold, predicted)
            results.setdefault(kind, []).append(scores)
            originals.setdefault(kind, []).append(original)
            name = f"{Path(gold_path).stem} {variant.name}"
            report.per_variant[name] = {k: v for k, v in scores.items() if k != "counts"}
            report.predictions[name] = (variant.gold, predicted)
    report.by_kind = {kind: micro(found) for kind, found in results.items()}
    report.originals_by_kind = {kind: micro(found) for kind, found in originals.items()}
    return report
