"""Bytes of a plain-text file → text: BOMs, UTF-16 without BOM, UTF-8, Windows-1258, TCVN3, VNI."""

from __future__ import annotations

import codecs
import unicodedata

from theodoi.extraction.readers.common import ReadDocument, ReadError
from theodoi.extraction.readers.legacy import (
    CP1252,
    REAL_VIETNAMESE,
    legacy_warning,
    repair_legacy,
    score_vietnamese,
    convert_tcvn3,
    convert_vni,
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_NOT_TEXT = "Tệp không phải văn bản (có ký tự nhị phân): hãy chọn tệp .txt, .docx, .pdf hoặc .html chứa nội dung văn bản."


def detect_bom(data: bytes) -> tuple[int, str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return len(bom), codec, name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte of ASCII text is NUL."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _check_textual(text: str) -> None:
    """Refuse decoded text that is mostly binary (control characters, undecodable bytes)."""
    sample = text[:200_000]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f\v\x1a") or c == "\ufffd" or c == "\x7f")
    if "\x00" in sample or bad > max(3, 0.005 * len(sample)):
        raise ReadError(_NOT_TEXT, "not_text")


def _decode_8bit(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads best.

    Decided on the first 256 KB (the scores settle long before), then decoded whole."""
    sample = data[:256 * 1024]

    def decode(raw: bytes, encoding: str) -> str:
        if encoding == "windows-1258":
            return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
        # typeshed lists only dict and EncodingMap tables; CPython's own codecs pass a 256-character
        # str, as here, which decodes about six times faster than the equivalent dict.
        as_1252 = codecs.charmap_decode(raw, "strict", CP1252)[0]  # type: ignore[arg-type]
        return convert_tcvn3(as_1252) if encoding == "tcvn3" else convert_vni(as_1252)

    scores = {name: score_vietnamese(decode(sample, name)) for name in ("windows-1258", "tcvn3", "vni")}
    encoding = max(scores, key=lambda name: scores[name].key())  # a tie keeps Windows-1258
    text = decode(data, encoding)
    warnings = []
    if encoding != "windows-1258":
        warnings.append(legacy_warning(encoding))
    if scores[encoding].total >= 10 and scores[encoding].fraction < 0.6:
        warnings.append("Không nhận ra chắc chắn bảng mã của tệp: chữ có dấu có thể bị sai, "
                        "hãy lưu lại tệp dưới dạng UTF-8.")
    return text, encoding, warnings


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a text file (or an HTML page without a usable charset) → text, encoding."""
    bom = detect_bom(data)
    if bom:
        length, codec, name = bom
        return _unicode_text(data[length:].decode(codec, errors="replace"), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _unicode_text(data.decode(utf16, errors="replace"), "utf-16")
    if b"\x00" in data:
        raise ReadError(_NOT_TEXT, "not_text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if error.start >= len(data) - 3 or (REAL_VIETNAMESE.search(text) and bad <= max(1, len(text) // 2000)):
            # UTF-8 cut short or with a few damaged bytes: still UTF-8.
            text = text.replace("\ufffd", "")
            _check_textual(text)
            return text, "utf-8", ["Tệp có vài byte không đọc được (UTF-8 bị hỏng): đã bỏ qua các ký tự đó."]
        text, encoding, warnings = _decode_8bit(data)
        _check_textual(text)
        return text, encoding, warnings
    return _unicode_text(text, "utf-8")


def _unicode_text(text: str, encoding: str) -> tuple[str, str, list[str]]:
    """Text decoded from a Unicode encoding; a TCVN3/VNI text once read as Windows-1252
    and saved again as Unicode (mojibake) is converted back."""
    _check_textual(text)
    repaired, legacy = repair_legacy(unicodedata.normalize("NFC", text))
    if legacy:
        return repaired, legacy, [legacy_warning(legacy)]
    return text, encoding, []


def read_txt(data: bytes) -> ReadDocument:
    text, encoding, warnings = decode_text(data)
    return ReadDocument(text, "txt", encoding, warnings)
