"""Extraction throughput on a ~300 KB document built from varied directive text.

    .venv/bin/python benchmarks/extract.py [--kb 300] [--repeat 5] [--shared ../shared] [--cold]

Builds the document from the dev corpus (shared/corpus) by repeating its sections with
renumbered headings, then times extraction alone (file reading excluded) on one core and
compares it with a plain sentence split of the same text. Wall time and the process's CPU
time are both given: on a shared machine the CPU time is what a free core would take.

The extractor keeps small caches of text keys (lru_cache); the document repeats its
sections and each run repeats the document, so later runs find their sentences already
keyed. `--cold` empties those caches before each run, as for a document seen for the
first time (the registry and the models stay loaded, as in a running server).
"""

import argparse
import functools
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from theodoi.extraction.extractor import Extractor  # noqa: E402
from theodoi.extraction.lexicon import default_lexicon  # noqa: E402


def build_document(shared: Path, kb: int) -> str:
    corpus = [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus").glob("*.txt"))]
    # A formal programme with numbered tasks and an appendix table (the corpus grows; pick by shape).
    formal = next(t for t in corpus if "Số:" in t[:500] and "II. NHIỆM VỤ" in t and "PHỤ LỤC" in t)
    body_start = formal.index("II. NHIỆM VỤ")
    appendix = formal.index("PHỤ LỤC")
    head, body, tail = formal[:body_start], formal[body_start:appendix], formal[appendix:]
    news = [t for t in corpus if t is not formal]
    parts = [head]
    roman = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    n = 0
    while sum(len(p.encode()) for p in parts) < kb * 1024:
        section = body.replace("II. NHIỆM VỤ", f"{roman[n % len(roman)]}. NHIỆM VỤ", 1)
        parts.append(section)
        parts.append("\n".join(news[n % len(news)].split("\n")[1:]) + "\n")
        n += 1
    parts.append(tail)
    return "".join(parts)


def plain_sentence_split(text: str) -> int:
    return len(re.split(r"(?<=[.!?])\s+", text))


def clear_text_caches() -> None:
    """Empty the extractor's per-text caches (not the once-loaded registry, models and patterns)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(("theodoi.extraction", "theodoi.lib")):
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper) and value.cache_parameters()["maxsize"] not in (None, 1):
                value.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("THEODOI_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--cold", action="store_true", help="empty the per-text caches before each run")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    text = build_document(args.shared, args.kb)
    extractor = Extractor(default_lexicon())
    extractor.extract(text[:20000])  # warm caches (regexes, lexicon)

    def timed(fn, cold: bool = False) -> tuple[float, float]:
        """Median wall and CPU seconds of `args.repeat` runs."""
        wall, cpu = [], []
        for _ in range(args.repeat):
            if cold:
                clear_text_caches()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return statistics.median(wall), statistics.median(cpu)

    extraction, extraction_cpu = timed(lambda: extractor.extract(text), cold=args.cold)
    split, _ = timed(lambda: plain_sentence_split(text))
    tasks = len(extractor.extract(text).tasks)
    size = len(text.encode()) / 1024
    print(f"document: {size:.0f} KB, {plain_sentence_split(text)} sentences, {tasks} tasks extracted"
          + (" (caches emptied before each run)" if args.cold else ""))
    print(f"extraction median: {extraction * 1000:.0f} ms ({size / extraction:.0f} KB/s) on one core;"
          f" CPU {extraction_cpu * 1000:.0f} ms ({extraction_cpu * 300 / size:.2f} s per 300 KB)")
    print(f"plain sentence split median: {split * 1000:.1f} ms; extraction / split = {extraction / split:.0f}×")


if __name__ == "__main__":
    main()
