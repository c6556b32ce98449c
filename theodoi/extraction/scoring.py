"""Scoring extraction against hand-labelled gold, exactly as the reference scorer does.

The format and the rules are in shared/gold/README.md; `tests/extraction` checks that
these numbers equal the reference scorer's on the dev set.
"""

import re
import unicodedata

from theodoi.lib.text import NEW_TO_OLD_TONE


def norm(text: str | None) -> str:
    # Old-style and new-style tone placement compare equal ("hoà" == "hòa"), replaced
    # everywhere as the reference scorer does (not only at syllable ends as in match_key).
    text = unicodedata.normalize("NFC", text or "").casefold()
    for new, old in NEW_TO_OLD_TONE.items():
        text = text.replace(new, old)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _rate_f1(tp: int, gold: int, predicted: int) -> float:
    precision = tp / predicted if predicted else (1.0 if gold == 0 else 0.0)
    recall = tp / gold if gold else 1.0
    return round(_f1(precision, recall), 4)


def _agency_counts(gold_sets: list[list[str]], predicted: list[str] | None) -> tuple[int, int, int]:
    names = [norm(x) for x in (predicted or [])]
    used: set[int] = set()
    tp = 0
    for aliases in gold_sets:
        allowed = {norm(a) for a in aliases}
        hit = next((k for k, x in enumerate(names) if k not in used and x in allowed), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(gold_sets), len(names)


def score(gold: dict, predicted: dict) -> dict:
    """Scores of one document: counts plus the rates computed from them."""
    tasks = predicted.get("tasks", [])
    texts = [norm(t.get("text", "")) for t in tasks]
    used: set[int] = set()
    optional_hits: set[int] = set()
    matches = []
    for g in gold["tasks"]:
        anchor = norm(g["anchor"])
        hit = next((i for i, t in enumerate(texts) if i not in used and anchor in t), None)
        if hit is None:
            if not g.get("optional"):
                matches.append((g, None))
            continue
        used.add(hit)
        if g.get("optional"):
            optional_hits.add(hit)
        else:
            matches.append((g, tasks[hit]))
    tp = sum(1 for _, p in matches if p is not None)
    counted = len(tasks) - len(optional_hits)
    lead, coord, domain, deadline = [0, 0, 0], [0, 0, 0], [0, 0], [0, 0]
    for g, p in matches:
        if p is None:
            continue
        for key, bucket in (("lead", lead), ("coordinating", coord)):
            if g.get(key) is not None:
                for i, n in enumerate(_agency_counts(g[key], p.get(key))):
                    bucket[i] += n
        if g.get("domain"):
            domain[1] += 1
            domain[0] += p.get("domain") in g["domain"]
        if g.get("due") is not None:
            deadline[1] += 1
            deadline[0] += (p.get("deadline") or {}).get("due") == g["due"]
    counts = {"task": [tp, len(matches), counted], "lead": lead, "coord": coord,
              "domain": domain, "deadline": deadline}
    meta = None
    gold_document = gold.get("document")
    if gold_document:
        document = predicted.get("document") or {}
        ok = n = 0
        for key in ("number", "issuer"):
            if gold_document.get(key):
                n += 1
                ok += norm(document.get(key) or "") in {norm(v) for v in gold_document[key]}
        if gold_document.get("issued_on"):
            n += 1
            ok += document.get("issued_on") == gold_document["issued_on"]
        counts["meta"] = [ok, n]
        meta = round(ok / n, 4) if n else None
    result = _rates(counts)
    if gold_document:
        result["doc_meta_acc"] = meta
    result["counts"] = counts
    return result


def _rates(counts: dict) -> dict:
    tp, gold_n, predicted_n = counts["task"]
    precision = tp / predicted_n if predicted_n else 0.0
    recall = tp / gold_n if gold_n else 1.0
    domain, deadline = counts["domain"], counts["deadline"]
    return {
        "tasks_gold": gold_n, "tasks_pred": predicted_n, "tp": tp,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "lead_f1": _rate_f1(*counts["lead"]), "coord_f1": _rate_f1(*counts["coord"]),
        "domain_acc": round(domain[0] / domain[1], 4) if domain[1] else None,
        "deadline_acc": round(deadline[0] / deadline[1], 4) if deadline[1] else None,
    }


def micro(results: list[dict]) -> dict:
    """Sum the raw counts of several documents and recompute the rates."""
    total = {k: [0, 0, 0] for k in ("task", "lead", "coord", "domain", "deadline", "meta")}
    for result in results:
        for key, values in result["counts"].items():
            for i, value in enumerate(values):
                total[key][i] += value
    rates = _rates(total)
    rates["f1"] = _rate_f1(*total["task"])
    meta = total["meta"]
    return {"documents": len(results), **rates,
            "doc_meta_acc": round(meta[0] / meta[1], 4) if meta[1] else None}
