"""Scanned PDF pages → text: pdfium renders the page (pypdfium2), Tesseract reads it with
its Vietnamese model (Debian's tesseract-ocr and tesseract-ocr-vie, through pytesseract).

A page is recognised in a child process that caps its own memory and CPU time before it
opens the file, like the PDF reader (a hostile PDF must not take the worker with it); the
caller (a background job, never a web request: a page takes seconds) recognises page after
page and can report progress in between. `assemble` puts the recognised pages back among
the pages that had a text layer and says where the recognised text lies, so the review
screen can mark it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from theodoi.extraction.readers.common import MB, ReadError, finish_text
from theodoi.extraction.readers.pdf_reader import join_pages

OCR_DPI = 300  # Tesseract's best resolution for body text
OCR_MAX_PIXELS = 40_000_000  # a page larger than A3 at 300 dpi is rendered at less
OCR_ADDRESS_SPACE = 2048 * MB  # Python, pdfium, the page image and Tesseract's model
OCR_CPU_SECONDS = 90  # per page; Tesseract inherits the same cap
OCR_WALL_SECONDS = 180
OCR_LANGUAGE = "vie"


@dataclass
class OcrPage:
    number: int  # 1-based
    text: str
    confidence: float  # Tesseract's mean word confidence, 0–100
    words: int


def _render(data: bytes, number: int) -> Any:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ReadError("Tệp PDF bị hỏng: không dựng được trang để nhận dạng chữ.", "corrupt") from error
    if not 1 <= number <= len(document):
        raise ReadError(f"Tệp PDF không có trang {number}.", "invalid")
    page = document[number - 1]
    width, height = page.get_size()  # points
    scale = OCR_DPI / 72
    if width * height * scale * scale > OCR_MAX_PIXELS:
        scale = (OCR_MAX_PIXELS / (width * height)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


def text_from_words(data: dict) -> tuple[str, float, int]:
    """Tesseract's word table (image_to_data) → lines in reading order, and the mean
    confidence of the words. No blank line between Tesseract's blocks: it often puts the
    continuation of a numbered item in a block of its own, and a blank line would end the
    item there; the extractor rejoins wrapped lines itself."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if confidence < 0 or not word.strip():
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(word.strip())
        confidences.append(confidence)
    out = [" ".join(words) for _key, words in sorted(lines.items())]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(out), mean, len(confidences)


def ocr_page_in_process(data: bytes, number: int) -> OcrPage:
    """The recognition itself; run by `ocr_worker` inside the limits."""
    import pytesseract  # type: ignore[import-untyped]

    image = _render(data, number)
    try:
        table = pytesseract.image_to_data(image, lang=OCR_LANGUAGE, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as error:
        raise ReadError("Máy chủ chưa cài Tesseract (gói tesseract-ocr và tesseract-ocr-vie): "
                        "chưa nhận dạng được văn bản quét.", "unsupported") from error
    except pytesseract.TesseractError as error:
        raise ReadError(f"Tesseract không nhận dạng được trang {number}: {error.message[:200]}", "invalid") from error
    text, confidence, words = text_from_words(table)
    return OcrPage(number, finish_text(text), confidence, words)


def worker_main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (OCR_ADDRESS_SPACE, OCR_ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (OCR_CPU_SECONDS, OCR_CPU_SECONDS + 1))
    number = int(sys.argv[1])
    data = sys.stdin.buffer.read()
    try:
        page = ocr_page_in_process(data, number)
        payload: dict = {"text": page.text, "confidence": page.confidence, "words": page.words}
    except ReadError as error:
        payload = {"error": error.message, "code": error.code}
    except MemoryError:
        payload = {"error": f"Trang {number} quá lớn để nhận dạng chữ trong giới hạn bộ nhớ.", "code": "unsafe"}
    sys.stdout.write(json.dumps(payload))


def ocr_page(data: bytes, number: int) -> OcrPage:
    """Recognise page `number` (1-based) of a PDF in a capped child process."""
    try:
        done = subprocess.run([sys.executable, "-m", "theodoi.extraction.readers.ocr_worker", str(number)],
                              input=data, capture_output=True, timeout=OCR_WALL_SECONDS, check=False)
        payload = json.loads(done.stdout)
    except subprocess.TimeoutExpired as error:
        raise ReadError(f"Nhận dạng chữ trang {number} quá thời gian cho phép.", "unsafe") from error
    except ValueError as error:
        raise ReadError(f"Không nhận dạng được chữ trang {number} (trang quá phức tạp hoặc tệp hỏng).",
                        "unsafe") from error
    if "error" in payload:
        raise ReadError(payload["error"], payload["code"])
    return OcrPage(number, payload["text"], payload["confidence"], payload["words"])


def assemble(pages: list[str], recognised: dict[int, str]) -> tuple[str, list[tuple[int, int]]]:
    """The document's text with each recognised page (1-based number → text) in its place,
    and the [start, end) spans of the recognised text in it."""
    finished = [finish_text(recognised.get(n, text)) for n, text in enumerate(pages, 1)]
    text = join_pages(finished)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for n, page_text in enumerate(finished, 1):
        if not page_text.strip():
            continue
        if n in recognised:
            spans.append((cursor, cursor + len(page_text)))
        cursor += len(page_text) + 1
    return text, spans
