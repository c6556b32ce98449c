"""Guards for uploaded files, shared by document intake, task-table import and evidence.

Plain Python. What a file is comes from its content (never its name), and a ZIP archive
(DOCX, XLSX, ODT, ODS) is checked by decompressing every member as a stream with a
ceiling: the sizes an archive declares can lie, and a 500 KB file may inflate to gigabytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from theodoi.lib.limits import MAX_ARCHIVE_INFLATED_BYTES, MAX_ARCHIVE_MEMBERS, megabytes

_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the 30 bytes before a member's name
_LOCAL_SIGNATURE = b"PK\x03\x04"


class UnsafeFile(Exception):
    """The file is refused; `message` says why in Vietnamese.

    `code`: "bomb" (inflates beyond the ceiling or beyond what it declares), "corrupt",
    "unsupported" (an archive feature office files never use)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


_SAVE_AGAIN = "Tệp không được nhận để bảo vệ hệ thống; hãy mở bằng ứng dụng gốc, lưu lại rồi tải lên."


def _too_big(limit: int) -> UnsafeFile:
    return UnsafeFile(f"Tệp nén khi giải nén lớn hơn {megabytes(limit)} MB (nghi là “bom nén”). {_SAVE_AGAIN}", "bomb")


def _lying(name: str, declared: int) -> UnsafeFile:
    return UnsafeFile(f"Tệp nén bất thường: thành phần “{name[:80]}” giải nén ra nhiều hơn kích thước nó tự khai "
                      f"({declared} byte), nghi là “bom nén”. {_SAVE_AGAIN}", "bomb")


def _corrupt() -> UnsafeFile:
    return UnsafeFile("Tệp nén (ZIP) bị hỏng hoặc không đầy đủ: hãy mở bằng ứng dụng gốc, lưu lại rồi tải lên.",
                      "corrupt")


def _member_data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    header = data[info.header_offset:info.header_offset + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        raise _corrupt()
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise _corrupt()
    name_length, extra_length = fields[-2], fields[-1]
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length


def _inflated_size(data: bytes, info: zipfile.ZipInfo, ceiling: int) -> int:
    """Bytes the member really inflates to, decompressed in bounded chunks; stops (and
    raises) as soon as it passes `ceiling` or the size the member declares."""
    start = _member_data_offset(data, info)
    compressed = memoryview(data)[start:start + info.compress_size]
    if len(compressed) != info.compress_size:
        raise _corrupt()
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnsafeFile("Tệp nén dùng kiểu nén không được hỗ trợ (chỉ nhận ZIP thông thường của Office).",
                         "unsupported")
    limit = min(ceiling, info.file_size)
    if info.compress_type == zipfile.ZIP_STORED:
        if len(compressed) > limit:
            raise _too_big(ceiling) if len(compressed) > ceiling else _lying(info.filename, info.file_size)
        return len(compressed)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    position = 0
    pending = b""
    while not inflater.eof:
        if not pending and position < len(compressed):
            pending = compressed[position:position + _CHUNK].tobytes()
            position += len(pending)
        try:
            # At most one chunk out per call: memory stays flat whatever the ratio.
            out = inflater.decompress(pending, _CHUNK)
        except zlib.error:
            raise _corrupt() from None
        pending = inflater.unconsumed_tail
        total += len(out)
        if total > limit:
            raise _too_big(ceiling) if total > ceiling else _lying(info.filename, info.file_size)
        if not out and not pending and position >= len(compressed):
            break  # input exhausted without the end of the stream: zipfile will refuse it
    return total


def check_archive(data: bytes, *, max_inflated: int = MAX_ARCHIVE_INFLATED_BYTES,
                  max_members: int = MAX_ARCHIVE_MEMBERS) -> zipfile.ZipFile:
    """Open a ZIP from bytes after proving that every member inflates to no more than it
    declares and that all of them together stay under `max_inflated` bytes.

    Memory stays at a few chunks whatever the archive holds; a bomb is refused after
    at most `max_inflated` bytes of work, a lying one as soon as it passes its claim.
    Raises `UnsafeFile`. Later reads (python-docx, openpyxl) of the returned archive then
    inflate only what was counted here.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _corrupt() from None
    if len(members) > max_members:
        raise UnsafeFile(f"Tệp nén có quá nhiều thành phần ({len(members)}): không nhập để bảo vệ hệ thống.", "bomb")
    # Declared sizes are trusted only to refuse early: an archive that admits to being too
    # big is refused before any work; one that understates is caught while streaming,
    # since no member may inflate past its own claim.
    if sum(info.file_size for info in members) > max_inflated:
        raise _too_big(max_inflated)
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise UnsafeFile("Tệp được đặt mật khẩu (nén có mã hóa): hãy bỏ mật khẩu rồi tải lên.", "unsupported")
        total += _inflated_size(data, info, max_inflated - total)
    return archive


@dataclass(frozen=True)
class FileType:
    code: str  # pdf | docx | xlsx | odt | ods | jpeg | png | zip | …
    label: str  # as shown to people
    extension: str  # the usual one, with its dot


PDF = FileType("pdf", "PDF", ".pdf")
DOCX = FileType("docx", "Word (DOCX)", ".docx")
XLSX = FileType("xlsx", "Excel (XLSX)", ".xlsx")
ODT = FileType("odt", "OpenDocument văn bản (ODT)", ".odt")
ODS = FileType("ods", "OpenDocument bảng tính (ODS)", ".ods")
JPEG = FileType("jpeg", "ảnh JPEG", ".jpg")
PNG = FileType("png", "ảnh PNG", ".png")
ZIP = FileType("zip", "tệp nén ZIP", ".zip")
# What a progress report may carry as evidence.
EVIDENCE_TYPES = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG)
_ODF = {b"application/vnd.oasis.opendocument.text": ODT, b"application/vnd.oasis.opendocument.spreadsheet": ODS}


def _archive_type(data: bytes) -> FileType:
    archive = check_archive(data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "mimetype" in names and "content.xml" in names:
        kind = _ODF.get(archive.read("mimetype").strip())  # a few bytes, counted above
        if kind:
            return kind
    return ZIP


def detect_type(data: bytes) -> FileType | None:
    """The type of a file from its bytes, or None if it is none we know. A ZIP is first
    checked with `check_archive` (raises `UnsafeFile`)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(_LOCAL_SIGNATURE):
        return _archive_type(data)
    return None


_BY_EXTENSION = {t.extension: t for t in (*EVIDENCE_TYPES, ZIP)} | {".jpeg": JPEG}


def check_evidence(data: bytes) -> FileType:
    """The type of an evidence file if it is one a report may carry (`EVIDENCE_TYPES`),
    decided by its content; raises `UnsafeFile` otherwise (whatever its name says)."""
    kind = detect_type(data)
    if kind not in EVIDENCE_TYPES:
        allowed = ", ".join(t.label for t in EVIDENCE_TYPES)
        found = f"nội dung là {kind.label}" if kind else "không nhận ra loại tệp từ nội dung"
        raise UnsafeFile(f"Tệp minh chứng phải là một trong các loại: {allowed} ({found}).", "unsupported")
    assert kind is not None
    return kind


def name_for_type(name: str, kind: FileType) -> str:
    """`name` with the extension its content calls for: "bien-ban.pdf" holding a PNG is
    kept as "bien-ban.png", so that nobody opens it believing it a PDF."""
    stem, dot, extension = name.rpartition(".")
    if dot and _BY_EXTENSION.get("." + extension.lower()) == kind:
        return name
    return (stem if dot else name) + kind.extension


def type_of_name(name: str) -> FileType | None:
    """The type a stored evidence name stands for (names are set by `name_for_type`)."""
    _, dot, extension = name.rpartition(".")
    return _BY_EXTENSION.get("." + extension.lower()) if dot else None
