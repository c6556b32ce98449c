"""PDF → text of its text layer, page numbers dropped; a scan is told apart from text.

Pages that draw ruling lines may hold a table: those pages (only those: pdfminer's layout
analysis costs about half a second a page) are read with pdfplumber, whose table finder
turns each ruled table into rows, one line per row with a TAB between cells, as the DOCX
reader writes them, so that a plan's appendix table reads the same from its PDF as from
its DOCX. Pages without a text layer are listed (`ocr_pages`) for `readers.ocr`.

pypdf runs in a child process with its address space, CPU time and wall time capped, and
with pypdf's own decompression limits lowered: a small PDF whose page content inflates to
tens of megabytes (or whose operators take minutes to interpret) is refused with a message
that says so, instead of holding a server worker or being mistaken for a scan.
"""

from __future__ import annotations

import io
import json
import re
import resource
import signal
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any

from theodoi.extraction.readers.common import (
    PDF_MAX_ADDRESS_SPACE,
    PDF_MAX_CPU_SECONDS,
    PDF_MAX_PAGES,
    PDF_MAX_STREAM_BYTES,
    PDF_TEXT_PAGE_LETTERS,
    PDF_WALL_SECONDS,
    ReadDocument,
    ReadError,
)
from theodoi.extraction.readers.legacy import legacy_warning, repair_legacy

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)


def _too_big_page(number: int) -> ReadError:
    return ReadError(
        f"Tệp PDF bất thường: nội dung trang {number} khi giải nén lớn hơn {PDF_MAX_STREAM_BYTES // (1024 * 1024)} MB "
        "(nghi là “bom nén”), không đọc để bảo vệ hệ thống. Hãy in lại thành PDF hoặc lưu dưới dạng DOCX rồi nhập.",
        "unsafe")


# Path operators that draw ruling lines: a rectangle ("re") or a line segment ("l").
_RULING = re.compile(rb"(?<![A-Za-z])(?:re|l)(?=\s)")
_MIN_RULINGS = 8  # a table of two rows and two columns draws at least this many


def _draws_rulings(page: Any) -> bool:
    """Cheap: count ruling operators in the page's content stream (already inflated by pypdf)."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return False
    return len(_RULING.findall(data)) >= _MIN_RULINGS


def _table_rows(table: Any) -> list[str]:
    """A pdfplumber table as TAB-separated lines. A merged cell comes back as None: a row with
    one value is a group row merged across the table (its value in every cell); any other
    gap is covered by the cell above (its value repeated), as the DOCX reader does."""
    rows: list[list[str]] = []
    for raw in table.extract():
        values = [" ".join(cell.split()) if cell else None for cell in raw]
        present = [v for v in values if v is not None]
        if len(present) == 1 and len(values) > 1:
            rows.append([present[0]] * len(values))
            continue
        above = rows[-1] if rows else []
        rows.append([v if v is not None else (above[i] if i < len(above) else "") for i, v in enumerate(values)])
    return ["\t".join(row) for row in rows if any(cell.strip() for cell in row)]


def _page_with_tables(plumber_page: Any) -> str | None:
    """The page's text with each ruled table as rows, in reading order; None if it has none."""
    tables = [t for t in plumber_page.find_tables() if len(t.rows) >= 2 and len(t.columns) >= 2]
    if not tables:
        return None
    parts: list[str] = []
    top = 0.0
    width, height = plumber_page.width, plumber_page.height
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        table_top, table_bottom = table.bbox[1], table.bbox[3]
        if table_top > top:
            parts.append(plumber_page.crop((0, top, width, table_top)).extract_text() or "")
        parts.extend(_table_rows(table))
        top = max(top, table_bottom)
    if top < height:
        parts.append(plumber_page.crop((0, top, width, height)).extract_text() or "")
    return "\n".join(part for part in parts if part.strip())


def read_pdf_in_process(data: bytes) -> ReadDocument:
    """The reading itself; run by `pdf_worker` inside the limits, never in a web worker."""
    try:
        from pypdf import PdfReader, overwrite_configuration
        from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

        overwrite_configuration(
            zlib_maximum_output_length=PDF_MAX_STREAM_BYTES, lzw_maximum_output_length=PDF_MAX_STREAM_BYTES,
            run_length_maximum_output_length=PDF_MAX_STREAM_BYTES, maximum_declared_stream_length=PDF_MAX_STREAM_BYTES,
            array_based_stream_maximum_output_length=PDF_MAX_STREAM_BYTES,
            brotli_maximum_output_length=PDF_MAX_STREAM_BYTES)
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as error:
                raise ReadError("Tệp PDF được mã hóa theo cách chưa đọc được: hãy in lại thành PDF "
                                "không mã hóa rồi nhập.", "encrypted") from error
            if not opened:
                raise ReadError("Tệp PDF được đặt mật khẩu: hãy bỏ mật khẩu (hoặc in lại thành PDF "
                                "không mật khẩu) rồi nhập.", "encrypted")
        count = len(reader.pages)
    except (ReadError, MemoryError, RecursionError):
        raise  # MemoryError: over the child's address-space cap, reported as such by worker_main
    except Exception as error:
        raise ReadError("Tệp PDF bị hỏng hoặc không đầy đủ: không đọc được cấu trúc tệp. "
                        "Hãy mở bằng trình đọc PDF, lưu (in) lại thành PDF rồi nhập.", "corrupt") from error
    if count == 0:
        raise ReadError("Tệp PDF không có trang nào.", "empty")
    warnings: list[str] = []
    if count > PDF_MAX_PAGES:
        warnings.append(f"Tệp PDF có {count} trang: chỉ đọc {PDF_MAX_PAGES} trang đầu.")
    pages: list[str] = []
    empty: list[int] = []
    failed: list[int] = []
    plumber = None
    for number in range(1, min(count, PDF_MAX_PAGES) + 1):
        try:
            page = reader.pages[number - 1]
            page_text = page.extract_text() or ""
            if page_text.strip() and _draws_rulings(page):
                try:
                    if plumber is None:
                        import pdfplumber

                        plumber = pdfplumber.open(io.BytesIO(data))
                    page_text = _page_with_tables(plumber.pages[number - 1]) or page_text
                except (MemoryError, RecursionError):
                    raise
                except Exception:  # pdfminer cannot lay the page out: its text layer as pypdf read it
                    pass
        except FileNotDecryptedError as error:
            raise ReadError("Tệp PDF được đặt mật khẩu: hãy bỏ mật khẩu rồi nhập.", "encrypted") from error
        except LimitReachedError as error:
            raise _too_big_page(number) from error
        except (MemoryError, RecursionError):
            raise
        except Exception:  # a damaged content stream spoils one page, not the file
            page_text = ""
            failed.append(number)
        page_text = unicodedata.normalize("NFC", page_text.replace("\r\n", "\n").replace("\r", "\n"))
        lines = page_text.split("\n")
        # Page numbers printed at the top or bottom of a page would cut sentences in two.
        while lines and (not lines[0].strip() or _PAGE_NUMBER.match(lines[0])):
            lines.pop(0)
        while lines and (not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1])):
            lines.pop()
        page_text = "\n".join(line.rstrip() for line in lines)
        if sum(c.isalpha() for c in page_text) < PDF_TEXT_PAGE_LETTERS:
            empty.append(number)
        pages.append(page_text)
    read = len(pages)
    with_text = read - len(empty)
    if with_text == 0 or with_text * 4 < read:
        raise ReadError("Tệp PDF không có lớp chữ (bản quét): cần nhận dạng ký tự (OCR) trước khi nhập.", "scanned",
                        page_count=read)
    if failed:
        warnings.append("Không đọc được trang " + ", ".join(map(str, failed[:20])) + (" …" if len(failed) > 20 else "")
                        + " (nội dung trang bị hỏng).")
    missing = [n for n in empty if n not in failed]
    if missing:
        warnings.append("Trang " + ", ".join(map(str, missing[:20])) + (" …" if len(missing) > 20 else "")
                        + " không có lớp chữ (có thể là ảnh quét): nội dung các trang này không được nhập.")
    text, legacy = repair_legacy(join_pages(pages))
    if legacy:
        warnings.append(legacy_warning(legacy))
        pages = [repair_legacy(page_text)[0] for page_text in pages]
    return ReadDocument(text, "pdf", None, warnings, pages=pages, ocr_pages=missing)


def join_pages(pages: list[str]) -> str:
    """Pages joined by one new line: a sentence that runs over a page break is rejoined by
    the extractor like any other broken line."""
    return "\n".join(p for p in pages if p.strip())



# --- the child process --------------------------------------------------------------------

@dataclass
class WorkerResult:
    document: ReadDocument | None
    error: ReadError | None
    peak_kib: int | None  # the child's peak resident memory, as the kernel counted it
    cpu_seconds: float | None  # the child's CPU time


_KILLED = ReadError(
    "Tệp PDF bất thường: đọc tệp vượt quá thời gian hoặc bộ nhớ cho phép (cấu trúc hoặc nội dung trang quá phức tạp), "
    "đã dừng để bảo vệ hệ thống. Hãy in lại thành PDF hoặc lưu dưới dạng DOCX rồi nhập.", "unsafe")


def _limit_resources(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (PDF_MAX_CPU_SECONDS, PDF_MAX_CPU_SECONDS + 1))


def run_pdf_worker(data: bytes, *, address_space: int = PDF_MAX_ADDRESS_SPACE) -> WorkerResult:
    """Read `data` in a child process (`python -m theodoi.extraction.readers.pdf_worker`)
    that limits itself before touching the file; killed after `PDF_WALL_SECONDS`."""
    try:
        done = subprocess.run([sys.executable, "-m", "theodoi.extraction.readers.pdf_worker", str(address_space)],
                              input=data, capture_output=True, timeout=PDF_WALL_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return WorkerResult(None, _KILLED, None, None)
    try:
        payload = json.loads(done.stdout)
    except ValueError:
        # Killed by the CPU limit (SIGXCPU/SIGKILL) or out of memory before it could answer.
        if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or b"MemoryError" in done.stderr:
            return WorkerResult(None, _KILLED, None, None)
        raise ReadError("Không đọc được tệp PDF (lỗi khi đọc tệp).", "corrupt") from None
    peak, cpu = payload.get("peak_kib"), payload.get("cpu_seconds")
    if "error" in payload:
        return WorkerResult(None, ReadError(payload["error"], payload["code"], page_count=payload.get("page_count")),
                            peak, cpu)
    document = ReadDocument(payload["text"], "pdf", None, payload["warnings"], pages=payload["pages"],
                            ocr_pages=payload["ocr_pages"])
    return WorkerResult(document, None, peak, cpu)


def read_pdf(data: bytes) -> ReadDocument:
    result = run_pdf_worker(data)
    if result.error is not None:
        raise result.error
    assert result.document is not None
    return result.document


def _peak_resident_kib() -> int | None:
    """VmHWM of this process (ru_maxrss would count the parent's memory from before exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def worker_main() -> None:
    _limit_resources(int(sys.argv[1]) if len(sys.argv) > 1 else PDF_MAX_ADDRESS_SPACE)
    data = sys.stdin.buffer.read()
    try:
        document = read_pdf_in_process(data)
        payload: dict = {"text": document.text, "warnings": document.warnings, "pages": document.pages,
                         "ocr_pages": document.ocr_pages}
    except ReadError as error:
        payload = {"error": error.message, "code": error.code, "page_count": error.page_count}
    except (MemoryError, RecursionError):
        payload = {"error": _KILLED.message, "code": _KILLED.code}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    payload["peak_kib"] = _peak_resident_kib()
    payload["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    sys.stdout.write(json.dumps(payload))
