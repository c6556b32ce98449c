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
"""

from __future__ import annotations

import codecs
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["ReadDocument", "ReadError", "read_document", "convert_tcvn3", "convert_vni"]

MAX_BYTES = 20 * 1024 * 1024
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all members of the zip together
DOCX_MAX_RATIO = 200  # uncompressed / compressed size of one member
DOCX_RATIO_FLOOR = 64 * 1024  # members smaller than this cannot hurt, whatever their ratio
DOCX_MAX_MEMBERS = 10_000
PDF_MAX_PAGES = 1_000
PDF_TEXT_PAGE_LETTERS = 40  # a page with fewer letters has no real text layer


class ReadError(Exception):
    """The file cannot be read; `message` says why in Vietnamese and what to do."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # too_large | empty | not_text | corrupt | encrypted | scanned | unsupported | invalid

    def __str__(self) -> str:
        return self.message


@dataclass
class ReadDocument:
    text: str  # NFC
    format: str  # txt | docx | pdf | html
    encoding: str | None = None  # txt/html: utf-8 | utf-16 | windows-1258 | tcvn3 | vni
    warnings: list[str] = field(default_factory=list)


# --- legacy Vietnamese font encodings --------------------------------------------------
#
# TCVN3: the 8-bit set VN3 of TCVN 5712:1993 ("Công nghệ thông tin – Bộ mã chuẩn 8-bit kí
# tự Việt dùng trong trao đổi thông tin"), used by the ABC fonts (.VnTime, .VnArial, …).
# Byte → letter. VN3 codes the 67 lower-case letters and only 7 capitals (Ă Â Ê Ô Ơ Ư Đ);
# the other 60 capitals (À, Ấ, Ộ, …) were written with the lower-case codes in the capital
# fonts (.VnTimeH, .VnArialH), so they are restored from the case of the word around them
# (see `convert_tcvn3`). Bytes below 0x80 are ASCII.
TCVN3: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}

# VNI: the VNI Windows encoding of VNI Software (VNI-Times, VNI-Helve, … fonts), a vendor
# standard. A letter is an ASCII base letter followed by one modifier glyph that carries
# both the vowel mark and the tone (â = circumflex, aà = circumflex + grave, aê = breve, …);
# ơ, ư, đ, the five toned i and ỵ are glyphs of their own, and ơ/ư take a tone modifier
# after them (ôø = ờ, öï = ự). Written as read in Windows-1252. All 134 letters.
VNI: dict[str, str] = {
    "aø": "à", "aù": "á", "aû": "ả", "aõ": "ã", "aï": "ạ", "aâ": "â", "aà": "ầ", "aá": "ấ",
    "aå": "ẩ", "aã": "ẫ", "aä": "ậ", "aê": "ă", "aè": "ằ", "aé": "ắ", "aú": "ẳ", "aü": "ẵ",
    "aë": "ặ", "eø": "è", "eù": "é", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ", "eâ": "ê", "eà": "ề",
    "eá": "ế", "eå": "ể", "eã": "ễ", "eä": "ệ", "oø": "ò", "où": "ó", "oû": "ỏ", "oõ": "õ",
    "oï": "ọ", "oâ": "ô", "oà": "ồ", "oá": "ố", "oå": "ổ", "oã": "ỗ", "oä": "ộ", "uø": "ù",
    "uù": "ú", "uû": "ủ", "uõ": "ũ", "uï": "ụ", "yø": "ỳ", "yù": "ý", "yû": "ỷ", "yõ": "ỹ",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "ô": "ơ", "ôø": "ờ", "ôù": "ớ",
    "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ", "ö": "ư", "öø": "ừ", "öù": "ứ", "öû": "ử", "öõ": "ữ",
    "öï": "ự", "ñ": "đ", "î": "ỵ",
    "AØ": "À", "AÙ": "Á", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ", "AÂ": "Â", "AÀ": "Ầ", "AÁ": "Ấ",
    "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ", "AÊ": "Ă", "AÈ": "Ằ", "AÉ": "Ắ", "AÚ": "Ẳ", "AÜ": "Ẵ",
    "AË": "Ặ", "EØ": "È", "EÙ": "É", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ", "EÂ": "Ê", "EÀ": "Ề",
    "EÁ": "Ế", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ", "OØ": "Ò", "OÙ": "Ó", "OÛ": "Ỏ", "OÕ": "Õ",
    "OÏ": "Ọ", "OÂ": "Ô", "OÀ": "Ồ", "OÁ": "Ố", "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ", "UØ": "Ù",
    "UÙ": "Ú", "UÛ": "Ủ", "UÕ": "Ũ", "UÏ": "Ụ", "YØ": "Ỳ", "YÙ": "Ý", "YÛ": "Ỷ", "YÕ": "Ỹ",
    "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Ô": "Ơ", "ÔØ": "Ờ", "ÔÙ": "Ớ",
    "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ", "Ö": "Ư", "ÖØ": "Ừ", "ÖÙ": "Ứ", "ÖÛ": "Ử", "ÖÕ": "Ữ",
    "ÖÏ": "Ự", "Ñ": "Đ", "Î": "Ỵ",
}


def _cp1252_table() -> str:
    """Windows-1252 as a 256-character decoding table; its five holes read as Latin-1."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252 = _cp1252_table()
# TCVN3 read as text: the glyph a byte shows in Windows-1252 → the letter it stands for.
_TCVN3_BY_GLYPH = {ord(_CP1252[byte]): letter for byte, letter in TCVN3.items()}
_TCVN3_GLYPHS = re.compile("[" + re.escape("".join(_CP1252[b] for b in TCVN3)) + "]")
# A word with a TCVN3 glyph and no small ASCII letter ("HéI", "X·", "§Ó"): maybe written
# in a capital font.
_CAPS_CANDIDATE = re.compile(r"(?<!\S)(?=[^\sa-z]*" + _TCVN3_GLYPHS.pattern + r")[^\sa-z]+(?!\S)")


def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    # A capital base may carry a lower-case modifier glyph and the other way round (typed
    # with Caps Lock or edited later): the letter takes the case of its base.
    table = dict(VNI)
    for sequence, letter in VNI.items():
        if len(sequence) == 2:
            base, modifier = sequence
            swapped = base + (modifier.upper() if base.islower() else modifier.lower())
            table.setdefault(swapped, letter)
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


_VNI_RE, _VNI_TABLE = _vni_pattern()
_VNI_GLYPHS = re.compile("[ìíæóòôöñîÌÍÆÓÒÔÖÑÎøùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]")


_UPPER = re.compile("[A-Z]")
_LOWER = re.compile("[a-z]")


def _caps_line(line: str) -> bool:
    upper, lower = len(_UPPER.findall(line)), len(_LOWER.findall(line))
    return upper + lower >= 3 and upper >= 0.9 * (upper + lower)


def _shouting(word: str) -> bool:
    """A word in capitals that a capital font wrote (not an abbreviation such as "UBND")."""
    return len(_UPPER.findall(word)) >= 2 and not _LOWER.search(word) and bool(_TCVN3_GLYPHS.search(word))


def _next_to_shouting(line: str, match: re.Match[str]) -> bool:
    before = line[max(0, match.start() - 60):match.start()].split()
    after = line[match.end():match.end() + 60].split()
    return (bool(before) and _shouting(before[-1])) or (bool(after) and _shouting(after[0]))


def convert_tcvn3(text: str) -> str:
    """TCVN3 text as read in Windows-1252 ("Céng hoµ") → Unicode ("Cộng hoà").

    Words typed in a capital font (.VnTimeH) get capital letters: a word whose ASCII
    letters are all capitals (at least two, or one next to another such word), and every
    word of a line in capitals.
    """
    lines = []
    for line in text.split("\n"):
        converted = line.translate(_TCVN3_BY_GLYPH)  # one letter for one glyph: offsets stay
        candidates = list(_CAPS_CANDIDATE.finditer(line))
        if not candidates:
            lines.append(converted)
            continue
        caps = _caps_line(line)
        pieces, cursor = [], 0
        for match in candidates:
            word = match.group(0)
            if caps or _shouting(word) or (_UPPER.search(word) and _next_to_shouting(line, match)):
                pieces.append(converted[cursor:match.start()])
                pieces.append(converted[match.start():match.end()].upper())
                cursor = match.end()
        pieces.append(converted[cursor:])
        lines.append("".join(pieces))
    return "\n".join(lines)


def convert_vni(text: str) -> str:
    """VNI text as read in Windows-1252 ("Coäng hoøa") → Unicode ("Cộng hòa")."""
    return _VNI_RE.sub(lambda m: _VNI_TABLE[m.group(0)], text)


# --- scoring: how much of a text is valid Vietnamese -----------------------------------

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = (r"(?:ngh(?=[eêi])|ng(?![eêi])|nh|ch|gh(?=[eêi])|gi|kh|ph|qu|th|tr"
          r"|c(?![eêiy])|k(?=[eêiy])|g(?![eê])|[bdđhlmnprstvx])?")
_NUCLEUS = (r"(?:iêu|yêu|uyê|uya|uyu|ươi|ươu|uôi|oai|oay|oao|oeo|uây|uơ|ươ|uô|uâ|ai|ao|au|ay"
            r"|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uê|ui|uy|ưa|ưi|ưu|yê"
            r"|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)")
_CODA = r"(?:ch|ng|nh|[cmnptk])?"
_SYLLABLE = re.compile(_ONSET + _NUCLEUS + _CODA)
_TOKEN = re.compile(r"[^\s!-@\[-`{-~“”‘’–—…•]+")
# Letters that only real Vietnamese text has: a legacy-font text read as Windows-1252 or
# Latin-1 never contains them.
_REAL_VIETNAMESE = re.compile("[ăđơưĩũĂĐƠƯĨŨ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")


@functools.lru_cache(maxsize=65536)
def _is_syllable(token: str) -> bool:
    decomposed = unicodedata.normalize("NFD", token.lower())
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.fullmatch(base))


@dataclass(frozen=True)
class _Score:
    valid: int
    total: int

    @property
    def fraction(self) -> float:
        return self.valid / self.total if self.total else 0.0

    def key(self) -> tuple[float, int]:
        return (self.fraction, self.valid)


def _score(text: str, limit: int = 20_000) -> _Score:
    """Among the words with a non-ASCII letter (at most `limit` of them), how many are
    valid Vietnamese syllables."""
    valid = total = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token.isascii():
            continue
        total += 1
        valid += _is_syllable(token)
        if total >= limit:
            break
    return _Score(valid, total)


def _repair_legacy(text: str) -> tuple[str, str | None]:
    """Convert the lines of `text` that are TCVN3/VNI read as Windows-1252 (mojibake).

    Decided for the whole text first (which of the two encodings, and whether at all),
    then line by line, so a DOCX that mixes .VnTime paragraphs with Unicode ones is
    repaired where needed and left alone elsewhere.
    """
    lines = text.split("\n")
    suspects = [i for i, line in enumerate(lines)
                if not line.isascii() and not _REAL_VIETNAMESE.search(line)
                and (_TCVN3_GLYPHS.search(line) or _VNI_GLYPHS.search(line))]
    if not suspects:
        return text, None
    sample = "\n".join(lines[i] for i in suspects[:2000])
    before = _score(sample)
    candidates = {"tcvn3": _score(convert_tcvn3(sample)), "vni": _score(convert_vni(sample))}
    encoding = max(candidates, key=lambda name: candidates[name].key())
    best = candidates[encoding]
    if best.valid < 2 or best.fraction < 0.7 or best.fraction < before.fraction + 0.25:
        return text, None
    convert = convert_tcvn3 if encoding == "tcvn3" else convert_vni
    # A text with no Unicode Vietnamese at all is legacy throughout (even a line such as
    # "ThÕ An", where "thõ" is a syllable too); in a mixed text only a line that reads
    # better converted is converted.
    mixed = any(_REAL_VIETNAMESE.search(line) for line in lines)
    changed = 0
    for i in suspects:
        converted = convert(lines[i])
        if converted == lines[i]:
            continue
        if not mixed or _score(converted).fraction > _score(lines[i]).fraction:
            lines[i] = converted
            changed += 1
    return ("\n".join(lines), encoding) if changed else (text, None)


_LEGACY_NAMES = {
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "vni": "VNI (phông VNI-Times)",
    "windows-1258": "Windows-1258",
}


def _legacy_warning(encoding: str) -> str:
    return f"Văn bản gõ bằng bảng mã cũ {_LEGACY_NAMES[encoding]}: đã chuyển sang Unicode, hãy soát lại chữ có dấu."


# --- plain text --------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_NOT_TEXT = "Tệp không phải văn bản (có ký tự nhị phân): hãy chọn tệp .txt, .docx, .pdf hoặc .html chứa nội dung văn bản."


def _bom(data: bytes) -> tuple[int, str, str] | None:
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
        as_1252 = codecs.charmap_decode(raw, "strict", _CP1252)[0]
        return convert_tcvn3(as_1252) if encoding == "tcvn3" else convert_vni(as_1252)

    scores = {name: _score(decode(sample, name)) for name in ("windows-1258", "tcvn3", "vni")}
    encoding = max(scores, key=lambda name: scores[name].key())  # a tie keeps Windows-1258
    text = decode(data, encoding)
    warnings = []
    if encoding != "windows-1258":
        warnings.append(_legacy_warning(encoding))
    if scores[encoding].total >= 10 and scores[encoding].fraction < 0.6:
        warnings.append("Không nhận ra chắc chắn bảng mã của tệp: chữ có dấu có thể bị sai, "
                        "hãy lưu lại tệp dưới dạng UTF-8.")
    return text, encoding, warnings


def _decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a text file (or an HTML page without a usable charset) → text, encoding."""
    bom = _bom(data)
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
        if error.start >= len(data) - 3 or (_REAL_VIETNAMESE.search(text) and bad <= max(1, len(text) // 2000)):
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
    repaired, legacy = _repair_legacy(unicodedata.normalize("NFC", text))
    if legacy:
        return repaired, legacy, [_legacy_warning(legacy)]
    return text, encoding, []


def _read_txt(data: bytes) -> ReadDocument:
    text, encoding, warnings = _decode_text(data)
    return ReadDocument(text, "txt", encoding, warnings)


# --- DOCX ----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent", _W + "customXml")
_T, _TAB, _PTAB, _BR, _CR = _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr"
_NO_BREAK_HYPHEN, _SOFT_HYPHEN, _TXBX = _W + "noBreakHyphen", _W + "softHyphen", _W + "txbxContent"
# Never text: properties (w:pPr holds tab stops named w:tab), deleted or moved-away
# revisions, field codes, and the VML copy Word keeps of every drawing (mc:Fallback).
_SKIP = {_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "instrText", _W + "delText",
         _W + "tblPr", _W + "trPr", _W + "tcPr", _W + "sectPr", _MC + "Fallback"}
_VAL = _W + "val"
_BULLET = "-"
_DOCX_CORRUPT = ("Tệp DOCX bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng): "
                 "hãy mở bằng Word, lưu lại rồi tải lên lần nữa.")


def _check_zip(data: bytes, named_docx: bool = True) -> zipfile.ZipFile:
    """Open the zip and refuse bombs, truncated archives and non-Word archives BEFORE any
    member is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ReadError(_DOCX_CORRUPT, "corrupt") from error
    if len(members) > DOCX_MAX_MEMBERS:
        raise ReadError(f"Tệp DOCX có quá nhiều thành phần ({len(members)}): không nhập để bảo vệ hệ thống.", "unsafe")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size >= DOCX_RATIO_FLOOR and member.file_size > DOCX_MAX_RATIO * max(member.compress_size, 1):
            raise ReadError(
                "Tệp DOCX bất thường: một thành phần nén với tỉ lệ quá cao (nghi là “bom nén”), "
                "không nhập để bảo vệ hệ thống. Hãy mở bằng Word và lưu lại.", "unsafe")
    if total > DOCX_MAX_UNCOMPRESSED:
        raise ReadError(
            f"Tệp DOCX khi giải nén lớn hơn {DOCX_MAX_UNCOMPRESSED // (1024 * 1024)} MB: "
            "không nhập để bảo vệ hệ thống. Hãy bỏ bớt hình ảnh hoặc tách văn bản.", "unsafe")
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReadError("Đây là bảng tính (XLSX), không phải văn bản: hãy dùng chức năng "
                            "Nhập bảng nhiệm vụ.", "unsupported")
        if not named_docx:
            raise ReadError("Tệp không phải văn bản: tệp nén ZIP nhưng không phải DOCX "
                            "(không có word/document.xml).", "not_text")
        raise ReadError("Tệp DOCX không hợp lệ: thiếu phần nội dung chính (word/document.xml). "
                        "Hãy mở bằng Word và lưu lại dưới dạng .docx.", "corrupt")
    return archive


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText, e.g. "%1." or "%1.%2."; None: no marker
    legal: bool = False  # isLgl: show every level in decimal


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa …"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)  # decimal and everything we do not spell out (ordinal, cardinalText, …)


class _Numbering:
    """Word's automatic numbering (numbering.xml) replayed in document order.

    Counters live per abstract numbering definition and level, as in Word: paragraphs of
    two w:num that share an abstractNum continue one list, unless the later w:num restarts
    it with a w:startOverride (which is how Word writes "Restart at 1"). Numbering one
    level restarts every deeper level.
    """

    def __init__(self, numbering, styles) -> None:
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, tuple[int | None, _Level | None]]] = {}
        self.levels: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum with numStyleLink → style id
        self.level_of_style: dict[str, int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_nums: set[str] = set()
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        if styles is not None:
            for style in styles.iter(_W + "style"):
                num_id = ilvl = based_on = None
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr.find(_W + "numId"))
                    ilvl = _val(num_pr.find(_W + "ilvl"))
                based_on = _val(style.find(_W + "basedOn"))
                self.styles[style.get(_W + "styleId") or ""] = (num_id, ilvl, based_on)
        if numbering is None:
            return
        for abstract in numbering.iter(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId") or ""
            link = _val(abstract.find(_W + "numStyleLink"))
            if link:
                self.style_link[abstract_id] = link
            levels = {}
            for lvl in abstract.iter(_W + "lvl"):
                level = _level(lvl)
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                levels[ilvl] = level
                p_style = _val(lvl.find(_W + "pStyle"))
                if p_style:
                    self.level_of_style[p_style] = ilvl
            self.levels[abstract_id] = levels
        for num in numbering.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            self.abstract_of[num_id] = _val(num.find(_W + "abstractNumId")) or ""
            overrides = {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                start = override.find(_W + "startOverride")
                lvl = override.find(_W + "lvl")
                overrides[ilvl] = (_int(_val(start), 1) if start is not None else None,
                                   _level(lvl) if lvl is not None else None)
            self.overrides[num_id] = overrides

    def _num_pr(self, paragraph) -> tuple[str | None, int | None, str | None]:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _val(num_pr.find(_W + "numId"))
            ilvl = _val(num_pr.find(_W + "ilvl"))
        style_id = _val(paragraph.find(f"{_W}pPr/{_W}pStyle"))
        seen = set()
        current = style_id
        while (num_id is None or ilvl is None) and current and current not in seen:
            seen.add(current)
            s_num, s_ilvl, based_on = self.styles.get(current, (None, None, None))
            if num_id is None and s_num is not None:
                num_id = s_num
                style_id = current
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            current = based_on
        level = _int(ilvl, -1) if ilvl is not None else None
        return num_id, level, style_id

    def _abstract(self, num_id: str) -> str | None:
        abstract_id = self.abstract_of.get(num_id)
        for _ in range(3):  # abstractNum → numStyleLink → style → num → abstractNum
            if abstract_id is None or abstract_id not in self.style_link:
                break
            linked_num = self.styles.get(self.style_link[abstract_id], (None, None, None))[0]
            abstract_id = self.abstract_of.get(linked_num or "")
        return abstract_id

    def marker(self, paragraph) -> str:
        """The number or bullet Word shows before `paragraph` ("" if none); advances the count."""
        num_id, ilvl, style_id = self._num_pr(paragraph)
        if not num_id or num_id == "0":
            return ""
        abstract_id = self._abstract(num_id)
        if abstract_id is None:
            return ""
        if ilvl is None or ilvl < 0:
            ilvl = self.level_of_style.get(style_id or "", 0)
        ilvl = max(0, min(ilvl, 8))
        levels = dict(self.levels.get(abstract_id, {}))
        overrides = self.overrides.get(num_id, {})
        for level_index, (_, level) in overrides.items():
            if level is not None:
                levels[level_index] = level
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for level_index, (start, _) in overrides.items():
                if start is not None:
                    counters[level_index] = start - 1
                    for deeper in [k for k in counters if k > level_index]:
                        del counters[deeper]
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return _BULLET if level.text != "" else ""
        if not level.text:
            return ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, _Level())
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
            return _format_number(value, fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()


def _val(element) -> str | None:
    return element.get(_VAL) if element is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> _Level:
    fmt_element = lvl.find(_W + "numFmt")
    if fmt_element is None:  # Word 2010+ writes custom formats in mc:AlternateContent
        fmt_element = next((e for e in lvl.iter(_W + "numFmt") if _val(e) != "custom"), None)
    text = lvl.find(_W + "lvlText")
    return _Level(
        start=_int(_val(lvl.find(_W + "start")), 1),
        fmt=_val(fmt_element) or "decimal",
        text=_val(text) if text is not None else None,
        legal=lvl.find(_W + "isLgl") is not None and _val(lvl.find(_W + "isLgl")) not in ("0", "false"),
    )


def _grid_attr(parent, path: str) -> int:
    return _int(_val(parent.find(path)), 0)


def _children(element, tag: str) -> Iterator:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _children(inner, tag)


class _DocxWalker:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def blocks(self, parent) -> Iterator[str]:
        """Paragraph and table-row lines of a body, cell or text box, in order."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                yield from self.paragraph(child)
            elif tag == _TBL:
                yield from self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == _CUSTOM_XML:
                yield from self.blocks(child)

    def paragraph(self, paragraph, keep_empty: bool = False) -> Iterator[str]:
        pieces: list[str] = []
        boxes: list = []
        self._runs(paragraph, pieces, boxes)
        text = "".join(pieces)
        text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")).strip()
        marker = self.numbering.marker(paragraph)
        if marker and text:
            text = f"{marker} {text}"
        elif marker and keep_empty:
            text = marker
        if text:
            yield text
        for box in boxes:  # text boxes anchored in the paragraph come after it
            yield from self.blocks(box)

    def _runs(self, element, pieces: list[str], boxes: list) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                pieces.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                pieces.append(" ")  # a tab inside a paragraph aligns text; it is no table cell
            elif tag in (_BR, _CR):
                pieces.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            elif tag == _TXBX:
                boxes.append(child)
            elif tag in (_P, _TBL):  # block content met inside a run (rare): keep its words
                pieces.append(" " + " ".join(self.blocks_of(child)) + " ")
            else:
                self._runs(child, pieces, boxes)

    def blocks_of(self, element) -> Iterator[str]:
        if element.tag == _P:
            yield from self.paragraph(element)
        else:
            yield from self.table(element)

    def cell_text(self, cell) -> str:
        pieces = []
        for child in cell.iterchildren():
            if child.tag == _P:
                pieces.extend(self.paragraph(child, keep_empty=True))
            elif child.tag == _TBL:
                pieces.extend(self.table(child))
            elif child.tag == _CUSTOM_XML:
                pieces.append(self.cell_text(child))
            elif child.tag == _SDT and child.find(_SDT_CONTENT) is not None:
                pieces.append(self.cell_text(child.find(_SDT_CONTENT)))
        # Line breaks and paragraphs inside a cell, and cells of a nested table, become spaces.
        return re.sub(r"\s+", " ", " ".join(pieces)).strip()

    def table(self, table) -> Iterator[str]:
        """One line per row, TAB between grid columns: a cell spanning columns (gridSpan)
        repeats its text in each, a vertically merged cell repeats the value above."""
        rows: list[list[str]] = []
        above: dict[int, str] = {}
        for row in _children(table, _TR):
            column = _grid_attr(row, f"{_W}trPr/{_W}gridBefore")
            cells: dict[int, str] = {i: "" for i in range(column)}
            previous_text = ""
            for cell in _children(row, _TC):
                span = max(1, _grid_attr(cell, f"{_W}tcPr/{_W}gridSpan") or 1)
                v_merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                h_merge = cell.find(f"{_W}tcPr/{_W}hMerge")
                if v_merge is not None and _val(v_merge) in (None, "continue"):
                    texts = [above.get(column + i, "") for i in range(span)]
                else:
                    text = self.cell_text(cell)
                    if h_merge is not None and _val(h_merge) in (None, "continue"):
                        text = previous_text  # Word 97 horizontal merge
                    texts = [text] * span
                for i, text in enumerate(texts):
                    cells[column + i] = text
                previous_text = texts[-1]
                column += span
            for i in range(_grid_attr(row, f"{_W}trPr/{_W}gridAfter")):
                cells[column + i] = ""
            width = max(cells) + 1 if cells else 0
            values = [cells.get(i, "") for i in range(width)]
            above = dict(enumerate(values))
            rows.append(values)
        width = max((len(r) for r in rows), default=0)
        for values in rows:
            if not any(v.strip() for v in values):
                continue
            values = values + [""] * (width - len(values))
            if width == 1:
                yield values[0]
            else:
                yield "\t".join(v.replace("\t", " ") for v in values)


def _read_docx(data: bytes, named_docx: bool = True) -> ReadDocument:
    _check_zip(data, named_docx).close()
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except ReadError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on damaged files
        raise ReadError(_DOCX_CORRUPT, "corrupt") from error
    try:
        numbering = _numbering_element(document)
        styles = document.styles.element
    except Exception:  # a damaged numbering or styles part: read the text without numbers
        numbering, styles = None, None
    walker = _DocxWalker(_Numbering(numbering, styles))
    try:
        blocks = list(walker.blocks(body))
    except RecursionError as error:
        raise ReadError("Tệp DOCX có cấu trúc lồng nhau quá sâu: không đọc được.", "corrupt") from error
    text = "\n\n".join(blocks)
    warnings: list[str] = []
    text, legacy = _repair_legacy(text)
    if legacy:
        warnings.append(_legacy_warning(legacy))
    return ReadDocument(text, "docx", None, warnings)


def _numbering_element(document):
    """numbering.xml of the document, or None (python-docx would create an empty one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None


# --- PDF -----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)


def _read_pdf(data: bytes) -> ReadDocument:
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
    text, legacy = _repair_legacy(text)
    if legacy:
        warnings.append(_legacy_warning(legacy))
    return ReadDocument(text, "pdf", None, warnings)


# --- HTML ----------------------------------------------------------------------------------

_HTML_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "hr", "figure",
    "figcaption", "address", "form", "fieldset", "caption", "center", "body", "html",
}
# Dropped with their content. Not <head> itself: pages often leave it unclosed.
_HTML_DROP = {"script", "style", "title", "noscript", "template", "svg", "math", "iframe", "object", "select", "button"}
_HTML_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: dict[int, str] | None = None
        self.carry: dict[int, tuple[int, str]] = {}  # column → (rows left, text) from rowspan
        self.cell: list[str] | None = None
        self.cell_column = 0
        self.cell_span = (1, 1)

    def start_row(self) -> None:
        self.end_row()
        self.row = {}

    def _fill_carried(self) -> None:
        """Fill the free columns from the left that a cell above still spans (rowspan)."""
        assert self.row is not None
        column = 0
        while True:
            while column in self.row:
                column += 1
            if column in self.carry:
                left, text = self.carry[column]
                self.row[column] = text
                if left <= 1:
                    del self.carry[column]
                else:
                    self.carry[column] = (left - 1, text)
                continue
            return

    def start_cell(self, colspan: int, rowspan: int) -> None:
        if self.row is None:
            self.start_row()
        self.end_cell()
        assert self.row is not None
        self._fill_carried()
        column = 0
        while column in self.row:
            column += 1
        self.cell_column = column
        self.cell_span = (colspan, rowspan)
        self.cell = []

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            self.cell = None
            return
        text = re.sub(r"\s+", " ", "".join(self.cell)).strip()
        colspan, rowspan = self.cell_span
        for i in range(colspan):
            self.row[self.cell_column + i] = text
            if rowspan > 1:
                self.carry[self.cell_column + i] = (rowspan - 1, text)
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        if self.row or self.carry:
            self._fill_carried()
            # Columns still spanned from above, right of the last cell of this row.
            for column in sorted(self.carry):
                if column not in self.row:
                    left, text = self.carry[column]
                    self.row[column] = text
                    if left <= 1:
                        del self.carry[column]
                    else:
                        self.carry[column] = (left - 1, text)
            if self.row:
                width = max(self.row) + 1
                self.rows.append([self.row.get(i, "") for i in range(width)])
        self.row = None

    def lines(self) -> list[str]:
        self.end_row()
        width = max((len(r) for r in self.rows), default=0)
        out = []
        for row in self.rows:
            if not any(c for c in row):
                continue
            row = row + [""] * (width - len(row))
            out.append("\t".join(row) if width > 1 else row[0])
        return out


_LIST_MARKER_ONLY = re.compile(r"^\s*(?:-|\w{1,8}[.)])\s*$")


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.drop = 0
        self.pre = 0
        self.tables: list[_Table] = []
        self.lists: list[list] = []  # [kind, counter, type]

    # -- output
    def _sink(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            return table.cell
        return self.current

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        lines = []
        for line in text.split("\n"):
            line = re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() if not self.pre else line.rstrip()
            if line:
                lines.append(line)
        if lines:
            self.blocks.append("\n".join(lines))

    def _block_break(self) -> None:
        """A block starts or ends: a space inside a table cell, else end the paragraph —
        but not right after a list marker (<li><p>text</p></li>)."""
        if self._in_cell():
            self._sink().append(" ")
        elif not _LIST_MARKER_ONLY.match("".join(self.current)):
            self.flush()

    def _in_cell(self) -> bool:
        return bool(self.tables) and self.tables[-1].cell is not None

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _HTML_DROP:
            if tag not in _HTML_VOID:
                self.drop += 1
            return
        if self.drop:
            return
        if tag == "table":
            if self._in_cell():
                self.tables[-1].cell.append(" ")
            else:
                self.flush()
            self.tables.append(_Table())
            return
        if self.tables and tag == "tr":
            self.tables[-1].start_row()
            return
        if self.tables and tag in ("td", "th"):
            self.tables[-1].start_cell(_span(attributes.get("colspan")), _span(attributes.get("rowspan")))
            return
        if tag == "br":
            self._sink().append(" " if self._in_cell() else "\n")
            return
        if tag in ("ul", "ol"):
            kind = tag
            start = _int(attributes.get("start"), 1)
            self.lists.append([kind, start - 1, attributes.get("type") or "1"])
        if tag == "li":
            if self._in_cell():
                self._sink().append(" ")
            else:
                self.flush()
            marker = _BULLET
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                value = _int(attributes.get("value"), self.lists[-1][1])
                self.lists[-1][1] = value
                kind = self.lists[-1][2]
                formatted = {"a": _letter(value), "A": _letter(value).upper(), "i": _roman(value),
                             "I": _roman(value).upper()}.get(kind, str(value))
                marker = f"{formatted}." if kind in ("1", "i", "I") else f"{formatted})"
            self._sink().append(marker + " ")
            return
        if tag == "pre":
            self.flush()
            self.pre += 1
            return
        if tag in _HTML_BLOCKS:
            self._block_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _HTML_VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_DROP:
            if tag not in _HTML_VOID:
                self.drop = max(0, self.drop - 1)
            return
        if self.drop:
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            lines = table.lines()
            if self._in_cell():  # a nested table is words of the outer cell
                self.tables[-1].cell.append(" " + " ".join(line.replace("\t", " ") for line in lines) + " ")
            else:
                self.flush()
                self.blocks.extend(lines)
            return
        if self.tables and tag == "tr":
            self.tables[-1].end_row()
            return
        if self.tables and tag in ("td", "th"):
            self.tables[-1].end_cell()
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
        if tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
            return
        if tag in _HTML_BLOCKS or tag == "li":
            self._block_break()

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        if self.tables and self.tables[-1].cell is None and not data.strip():
            return  # white space between table tags
        self._sink().append(data)

    def text(self) -> str:
        while self.tables:
            lines = self.tables.pop().lines()
            self.flush()
            self.blocks.extend(lines)
        self.flush()
        return "\n\n".join(self.blocks)


def _span(value: str | None) -> int:
    return max(1, min(_int(value, 1), 1000))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    bom = _bom(data)
    if bom:
        length, codec, name = bom
        return data[length:].decode(codec, errors="replace"), name, []
    match = _META_CHARSET.search(data[:8192])
    if match:
        label = match.group(1).decode("ascii", errors="ignore").lower()
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            name = {"cp1258": "windows-1258"}.get(codec, codec)
            text = data.decode(codec, errors="replace")
            text, legacy = _repair_legacy(unicodedata.normalize("NFC", text))
            return text, legacy or name, [_legacy_warning(legacy)] if legacy else []
    return _decode_text(data)


def _read_html(data: bytes) -> ReadDocument:
    text, encoding, warnings = _decode_html(data)
    parser = _HtmlText()
    try:
        parser.feed(text)
        parser.close()
        text = parser.text()
    except Exception as error:  # html.parser is lenient; this is only a safety net
        raise ReadError("Không đọc được tệp HTML: cấu trúc trang bị hỏng.", "corrupt") from error
    text = unicodedata.normalize("NFC", text)
    if encoding in ("utf-8", "utf-16", "utf-32", "windows-1258"):
        text, legacy = _repair_legacy(text)
        if legacy:
            encoding = legacy
            warnings = warnings + [_legacy_warning(legacy)]
    return ReadDocument(text, "html", encoding, warnings)


# --- dispatch ------------------------------------------------------------------------------

_BINARY_MAGIC = (
    (b"\x89PNG", "ảnh PNG"), (b"\xff\xd8\xff", "ảnh JPEG"), (b"GIF8", "ảnh GIF"), (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"), (b"\x1f\x8b", "tệp nén gzip"), (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"Rar!", "tệp nén RAR"), (b"\x7fELF", "chương trình"), (b"MZ", "chương trình"),
)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.IGNORECASE | re.DOTALL)


def _sniff(data: bytes) -> str | None:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Word 97-2003, or a DOCX that Office encrypted with a password (same container).
        return "encrypted-ooxml" if "EncryptionInfo".encode("utf-16-le") in data else "ole"
    head = data[:2048]
    bom = _bom(head)
    if bom:
        length, codec, _ = bom
        head_text = head[length:].decode(codec, errors="ignore")
    else:
        head_text = head.decode("latin-1")
    if head_text.lstrip().startswith("{\\rtf"):
        return "rtf"
    if _HTML_START.match(head_text):
        return "html"
    for magic, _ in _BINARY_MAGIC:
        if data.startswith(magic):
            return "binary"
    return None


_EXTENSIONS = {
    "txt": "txt", "text": "txt", "md": "txt",
    "docx": "docx", "docm": "docx", "dotx": "docx", "dotm": "docx", "doc": "doc",
    "pdf": "pdf",
    "html": "html", "htm": "html", "xhtml": "html",
}
_FORMAT_NAMES = {"docx": "DOCX", "pdf": "PDF", "html": "HTML", "txt": "văn bản thuần"}


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
    named = _EXTENSIONS.get(extension)
    sniffed = _sniff(data)
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
        kind = next(name for magic, name in _BINARY_MAGIC if data.startswith(magic))
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
        warnings.append(f"Tệp có đuôi .{extension} nhưng nội dung là {_FORMAT_NAMES[fmt]}: đã đọc theo nội dung.")

    if fmt == "docx":
        result = _read_docx(data, named_docx=named in ("docx", "doc"))
    elif fmt == "pdf":
        result = _read_pdf(data)
    elif fmt == "html":
        result = _read_html(data)
    else:
        result = _read_txt(data)
    result.text = _finish(result.text)
    result.warnings = warnings + result.warnings
    if not result.text.strip():
        raise ReadError("Tệp không có nội dung chữ để nhập.", "empty")
    return result


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _finish(text: str) -> str:
    """NFC, one kind of line break, no invisible characters, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\f\v\u2028\u2029\u0085]", "\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = re.sub("[\u00a0\u2007\u202f]", " ", text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r" +$", "", text, flags=re.MULTILINE)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
