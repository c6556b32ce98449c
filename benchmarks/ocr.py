#!/usr/bin/env python
"""Seconds per page of OCR (Tesseract, Vietnamese) and character accuracy on pages of a
development text drawn at 300 dpi.

    .venv/bin/python benchmarks/ocr.py [--pages 3] [--text ../shared/corpus/000_….txt]

Draws the text's first lines onto A4 pages (DejaVu Serif 11 pt, 300 dpi), saves them as an
image-only PDF, recognises each page in the capped child process the intake uses and
prints, per page, the seconds and the character accuracy (1 − Levenshtein distance / length
of the drawn text), then the medians. Nothing downloaded; Debian's tesseract-ocr-vie.
"""

import argparse
import statistics
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extraction.test_pdf_tables_and_ocr import character_accuracy, scanned_pdf  # noqa: E402
from theodoi.extraction.readers.ocr import ocr_page  # noqa: E402

DEFAULT_TEXT = ROOT.parent / "shared" / "corpus" / "000_c219953921c479b9.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT)
    args = parser.parse_args()
    lines = [wrapped for paragraph in args.text.read_text(encoding="utf-8").splitlines() if paragraph.strip()
             for wrapped in textwrap.wrap(paragraph, 80)]
    per_page = 38
    seconds, accuracies = [], []
    for number in range(args.pages):
        chunk = lines[number * per_page:(number + 1) * per_page]
        if not chunk:
            break
        started = time.perf_counter()
        page = ocr_page(scanned_pdf(chunk), 1)
        seconds.append(time.perf_counter() - started)
        accuracies.append(character_accuracy("\n".join(chunk), page.text))
        print(f"page {number + 1}: {seconds[-1]:.1f} s, character accuracy {accuracies[-1]:.3f}, "
              f"Tesseract confidence {page.confidence:.0f}")
    print(f"median: {statistics.median(seconds):.1f} s a page, character accuracy {statistics.median(accuracies):.3f}")


if __name__ == "__main__":
    main()
