"""What a file is, from its first bytes (and, failing that, its name)."""

from __future__ import annotations

import re

from theodoi.extraction.readers.plaintext import detect_bom

BINARY_MAGIC = (
    (b"\x89PNG", "ảnh PNG"), (b"\xff\xd8\xff", "ảnh JPEG"), (b"GIF8", "ảnh GIF"), (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"), (b"\x1f\x8b", "tệp nén gzip"), (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"Rar!", "tệp nén RAR"), (b"\x7fELF", "chương trình"), (b"MZ", "chương trình"),
)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.IGNORECASE | re.DOTALL)


def sniff_format(data: bytes) -> str | None:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Word 97-2003, or a DOCX that Office encrypted with a password (same container).
        return "encrypted-ooxml" if "EncryptionInfo".encode("utf-16-le") in data else "ole"
    head = data[:2048]
    bom = detect_bom(head)
    if bom:
        length, codec, _ = bom
        head_text = head[length:].decode(codec, errors="ignore")
    else:
        head_text = head.decode("latin-1")
    if head_text.lstrip().startswith("{\\rtf"):
        return "rtf"
    if _HTML_START.match(head_text):
        return "html"
    for magic, _ in BINARY_MAGIC:
        if data.startswith(magic):
            return "binary"
    return None


EXTENSIONS = {
    "txt": "txt", "text": "txt", "md": "txt",
    "docx": "docx", "docm": "docx", "dotx": "docx", "dotm": "docx", "doc": "doc",
    "pdf": "pdf",
    "html": "html", "htm": "html", "xhtml": "html",
}
FORMAT_NAMES = {"docx": "DOCX", "pdf": "PDF", "html": "HTML", "txt": "văn bản thuần"}
