"""PDF → text of its text layer, page numbers dropped; a scan is told apart from text."""

from __future__ import annotations

import io
import re
import unicodedata

from theodoi.extraction.readers.common import PDF_MAX_PAGES, PDF_TEXT_PAGE_LETTERS, ReadDocument, ReadError
from theodoi.extraction.readers.legacy import legacy_warning, repair_legacy

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)


def read_pdf(data: bytes) -> ReadDocument:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError

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
    except ReadError:
        raise
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

