"""PDF → text of its text layer, page numbers dropped; a scan is told apart from text.

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
    for number in range(1, min(count, PDF_MAX_PAGES) + 1):
        try:
            page_text = reader.pages[number - 1].extract_text() or ""
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
        raise ReadError("Tệp PDF không có lớp chữ (bản quét): cần nhận dạng ký tự (OCR) trước khi nhập.", "scanned")
    if failed:
        warnings.append("Không đọc được trang " + ", ".join(map(str, failed[:20])) + (" …" if len(failed) > 20 else "")
                        + " (nội dung trang bị hỏng).")
    missing = [n for n in empty if n not in failed]
    if missing:
        warnings.append("Trang " + ", ".join(map(str, missing[:20])) + (" …" if len(missing) > 20 else "")
                        + " không có lớp chữ (có thể là ảnh quét): nội dung các trang này không được nhập.")
    # Pages joined by one new line: a sentence that runs over a page break is rejoined by
    # the extractor like any other broken line.
    text = "\n".join(p for p in pages if p.strip())
    text, legacy = repair_legacy(text)
    if legacy:
        warnings.append(legacy_warning(legacy))
    return ReadDocument(text, "pdf", None, warnings)



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
        return WorkerResult(None, ReadError(payload["error"], payload["code"]), peak, cpu)
    return WorkerResult(ReadDocument(payload["text"], "pdf", None, payload["warnings"]), None, peak, cpu)


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
        payload: dict = {"text": document.text, "warnings": document.warnings}
    except ReadError as error:
        payload = {"error": error.message, "code": error.code}
    except (MemoryError, RecursionError):
        payload = {"error": _KILLED.message, "code": _KILLED.code}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    payload["peak_kib"] = _peak_resident_kib()
    payload["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    sys.stdout.write(json.dumps(payload))
