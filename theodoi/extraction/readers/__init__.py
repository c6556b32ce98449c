"""Uploaded files (TXT, DOCX, PDF, HTML) → NFC text in the shape the extractor reads.

The extractor (`structure.paragraphs`) expects paragraphs separated by new lines, list
markers typed at the start of their line ("I.", "1.", "a)", "-") and each table row on ONE
line with a TAB between cells: a group row merged across the table repeats its title in
every cell, a vertically merged cell repeats its value in each row it covers. Every reader
here produces exactly that, so a DOCX with automatic numbering reads like a typed one.

Plain text may come in the encodings Vietnamese offices have used: UTF-8/UTF-16,
Windows-1258 (which writes tone marks as combining characters) and the legacy FONT
encodings TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts), where Vietnamese letters
were stored as other 8-bit glyphs. These are told apart by scoring how much of the text is
valid Vietnamese after each candidate conversion, never by the file name; the same scoring
also repairs TCVN3/VNI text that was later saved as UTF-8 (or typed into a DOCX or PDF in a
.VnTime font), line by line.

No Django here: `read_document(filename, data)` takes bytes and returns a `ReadDocument`
or raises `ReadError` with a Vietnamese message a person can act on.

The package splits along the seams: `sniffing` (what a file is), `legacy` (TCVN3/VNI and
the Vietnamese scoring), `plaintext` (byte decoding), `docx_reader`, `pdf_reader`,
`html_reader`; this module dispatches and finishes the text.
"""

from __future__ import annotations


from theodoi.extraction.readers.common import (
    DOCX_MAX_MEMBERS,
    DOCX_MAX_UNCOMPRESSED,
    MAX_BYTES,
    PDF_MAX_PAGES,
    PDF_TEXT_PAGE_LETTERS,
    ReadDocument,
    ReadError,
    finish_text,
)
from theodoi.extraction.readers.docx_reader import read_docx
from theodoi.extraction.readers.html_reader import read_html
from theodoi.extraction.readers.legacy import TCVN3, VNI, convert_tcvn3, convert_vni
from theodoi.extraction.readers.pdf_reader import read_pdf
from theodoi.extraction.readers.plaintext import decode_text, read_txt
from theodoi.extraction.readers.sniffing import BINARY_MAGIC, EXTENSIONS, FORMAT_NAMES, sniff_format

__all__ = [
    "ReadDocument", "ReadError", "read_document", "decode_text", "convert_tcvn3", "convert_vni", "TCVN3", "VNI",
    "MAX_BYTES", "DOCX_MAX_MEMBERS", "DOCX_MAX_UNCOMPRESSED",
    "PDF_MAX_PAGES", "PDF_TEXT_PAGE_LETTERS",
]

def read_document(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> ReadDocument:
    """Read an uploaded document into NFC text shaped for the extractor.

    The size limit is checked before anything else. The format comes from the content
    when the content is unmistakable (a ZIP, a PDF, an HTML page), else from the name.
    Raises `ReadError` with a Vietnamese message.
    """
    if len(data) > max_bytes:
        raise ReadError(f"Tệp lớn hơn {max_bytes / (1024 * 1024):.3g} MB ({len(data) / (1024 * 1024):.3g} MB): "
                        "hãy tách văn bản thành nhiều tệp nhỏ hơn hoặc bỏ bớt hình ảnh.", "too_large")
    if not data.strip():
        raise ReadError("Tệp rỗng: không có nội dung để nhập.", "empty")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    named = EXTENSIONS.get(extension)
    sniffed = sniff_format(data)
    if sniffed is None and named == "pdf" and b"%PDF-" in data[:1024]:
        sniffed = "pdf"  # the PDF header may follow some junk within the first 1 KB
    warnings: list[str] = []

    if sniffed == "encrypted-ooxml":
        raise ReadError("Tệp Word được đặt mật khẩu: hãy mở bằng Word, bỏ mật khẩu rồi lưu lại thành .docx.",
                        "encrypted")
    if sniffed == "ole":
        raise ReadError("Tệp Word 97-2003 (.doc) chưa được hỗ trợ: hãy mở bằng Word và lưu lại thành .docx.", "unsupported")
    if sniffed == "rtf":
        raise ReadError("Tệp RTF chưa được hỗ trợ: hãy mở bằng Word và lưu lại thành .docx.", "unsupported")
    if sniffed == "binary":
        kind = next(name for magic, name in BINARY_MAGIC if data.startswith(magic))
        message = f"Tệp không phải văn bản ({kind})."
        if kind.startswith("ảnh"):
            message += " Văn bản chụp/quét cần nhận dạng ký tự (OCR) trước khi nhập."
        raise ReadError(message, "not_text")

    if sniffed == "zip":
        fmt = "docx"
    elif sniffed == "pdf":
        fmt = "pdf"
    elif sniffed == "html" and named != "txt":
        fmt = "html"
    elif named in ("docx", "doc", "pdf"):
        # Named as a binary format, but the content is not one.
        label = "DOCX" if named in ("docx", "doc") else "PDF"
        raise ReadError(f"Tệp có đuôi .{extension} nhưng nội dung không phải {label}: "
                        "tệp bị hỏng hoặc đặt sai tên.", "corrupt")
    else:
        fmt = named or "txt"
    if named and named != fmt:
        warnings.append(f"Tệp có đuôi .{extension} nhưng nội dung là {FORMAT_NAMES[fmt]}: đã đọc theo nội dung.")

    if fmt == "docx":
        result = read_docx(data, named_docx=named in ("docx", "doc"))
    elif fmt == "pdf":
        result = read_pdf(data)
    elif fmt == "html":
        result = read_html(data)
    else:
        result = read_txt(data)
    result.text = finish_text(result.text)
    result.warnings = warnings + result.warnings
    if not result.text.strip():
        raise ReadError("Tệp không có nội dung chữ để nhập.", "empty")
    return result
