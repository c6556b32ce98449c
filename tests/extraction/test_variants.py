"""The generalisation check: the ten gold documents rewritten (their places, their level,
their ministries and departments, other bodies in their place, their bullets), text and
labels alike, must still be read about as well as the originals.

The thresholds sit below what the extractor reaches (README, "Scores"), so that a rule that
only holds for the ten texts' own places and bodies fails here."""

import json

import pytest

from theodoi.extraction.evaluation import evaluate_variants
from theodoi.extraction.scoring import norm
from theodoi.extraction.variants import all_variants, place_variants

from tests.extraction.test_dev_gold import gold_paths

# Lead and coordinating F1 per kind of rewrite, micro over the documents it applies to.
# Reached (03/12/2026): places 0.944/0.916, former 0.947/0.870, level 0.932/0.883, bodies
# 0.941/0.915, others 0.944/0.915, unlisted 0.944/0.915, bullets 0.941/0.915.
THRESHOLDS = {
    "places": (0.91, 0.89), "former": (0.91, 0.84), "level": (0.90, 0.85),
    "bodies": (0.91, 0.89), "others": (0.91, 0.89), "unlisted": (0.91, 0.89), "bullets": (0.91, 0.89),
}
# What a rewrite may cost against the same documents unrewritten (reached: 0 for every kind;
# before the rules of 03/12/2026 the unlisted bodies cost 0.038 lead and 0.026 coordinating).
MAX_LOSS = 0.03


@pytest.fixture(scope="module")
def report(shared_dir):
    return evaluate_variants(gold_paths(shared_dir), shared_dir / "corpus")


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_rewritten_documents_keep_their_agency_scores(report, kind):
    scores = report.by_kind[kind]
    lead, coordinating = THRESHOLDS[kind]
    assert scores["lead_f1"] >= lead and scores["coord_f1"] >= coordinating, (kind, scores)


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_a_rewrite_costs_little_against_the_same_documents_unrewritten(report, kind):
    rewritten, original = report.by_kind[kind], report.originals_by_kind[kind]
    for metric in ("lead_f1", "coord_f1"):
        assert rewritten[metric] >= original[metric] - MAX_LOSS, (kind, metric, rewritten[metric], original[metric])


def test_every_rewrite_keeps_the_labels_findable(shared_dir):
    """A rewrite changes text and gold alike: every anchor is still in the rewritten text, and
    the rewritten place is no longer there."""
    for path in gold_paths(shared_dir):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (shared_dir / "corpus" / gold["file"]).read_text(encoding="utf-8")
        for variant in all_variants(text, gold):
            rewritten = norm(variant.text)
            missing = [t["anchor"] for t in variant.gold["tasks"] if norm(t["anchor"]) not in rewritten]
            assert not missing, (path.stem, variant.name, missing[:3])


def test_a_place_rewrite_swaps_every_spelling_of_the_place():
    gold = {"file": "x.txt", "tasks": [{"anchor": "UBND tỉnh Bắc Ninh chủ trì",
                                        "lead": [["Ủy ban nhân dân tỉnh Bắc Ninh"]]}]}
    text = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nUBND tỉnh Bắc Ninh chủ trì, phối hợp với Sở Y tế tỉnh Bắc ninh."
    variants = place_variants(text, gold, rounds=2)
    assert len(variants) == 2
    targets = set()
    for variant in variants:
        assert "bắc ninh" not in variant.text.casefold()
        place = variant.name.split("→")[1]
        targets.add(place)
        assert f"TỈNH {place.upper()}" in variant.text
        assert variant.gold["tasks"][0]["lead"] == [[f"Ủy ban nhân dân tỉnh {place}"]]
    assert len(targets) == 2
