"""Legacy Vietnamese font encodings (TCVN3, VNI) and the scoring that tells them apart.

Texts are told apart by scoring how much of them is valid Vietnamese after each candidate
conversion, never by the file name; the same scoring repairs TCVN3/VNI text that was later
saved as UTF-8 (or typed into a DOCX or PDF in a .VnTime font), line by line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

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
# after them (ôø = ờ, öï = ự). Written as read in Windows-1252: the 67 lower-case letters
# here; capitals are the same glyphs in capitals (AØ = À, Ñ = Đ), derived below.
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
}
VNI |= {glyphs.upper(): letter.upper() for glyphs, letter in VNI.items()}


def _cp1252_table() -> str:
    """Windows-1252 as a 256-character decoding table; its five holes read as Latin-1."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


CP1252 = _cp1252_table()
# TCVN3 read as text: the glyph a byte shows in Windows-1252 → the letter it stands for.
_TCVN3_BY_GLYPH = {ord(CP1252[byte]): letter for byte, letter in TCVN3.items()}
_TCVN3_GLYPHS = re.compile("[" + re.escape("".join(CP1252[b] for b in TCVN3)) + "]")
# A word with a TCVN3 glyph and no small ASCII letter ("HéI", "X·", "§Ó"): maybe written
# in a capital font.
_CAPS_CANDIDATE = re.compile(r"(?<!\S)(?=[^\sa-z]*" + _TCVN3_GLYPHS.pattern + r")[^\sa-z]+(?!\S)")


def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    # A capital base may carry a lower-case modifier glyph and the other way round (typed
    # with Caps Lock or edited later): the letter takes the case of its base.
    table = dict(VNI)
    for sequence, letter in VNI.items():
        if len(sequence) == 2:
            base, modifier = sequence[0], sequence[1]
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
REAL_VIETNAMESE = re.compile("[ăđơưĩũĂĐƠƯĨŨ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")


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


def score_vietnamese(text: str, limit: int = 20_000) -> _Score:
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


def repair_legacy(text: str) -> tuple[str, str | None]:
    """Convert the lines of `text` that are TCVN3/VNI read as Windows-1252 (mojibake).

    Decided for the whole text first (which of the two encodings, and whether at all),
    then line by line, so a DOCX that mixes .VnTime paragraphs with Unicode ones is
    repaired where needed and left alone elsewhere.
    """
    lines = text.split("\n")
    suspects = [i for i, line in enumerate(lines)
                if not line.isascii() and not REAL_VIETNAMESE.search(line)
                and (_TCVN3_GLYPHS.search(line) or _VNI_GLYPHS.search(line))]
    if not suspects:
        return text, None
    sample = "\n".join(lines[i] for i in suspects[:2000])
    before = score_vietnamese(sample)
    candidates = {"tcvn3": score_vietnamese(convert_tcvn3(sample)), "vni": score_vietnamese(convert_vni(sample))}
    encoding = max(candidates, key=lambda name: candidates[name].key())
    best = candidates[encoding]
    if best.valid < 2 or best.fraction < 0.7 or best.fraction < before.fraction + 0.25:
        return text, None
    convert = convert_tcvn3 if encoding == "tcvn3" else convert_vni
    # A text with no Unicode Vietnamese at all is legacy throughout (even a line such as
    # "ThÕ An", where "thõ" is a syllable too); in a mixed text only a line that reads
    # better converted is converted.
    mixed = any(REAL_VIETNAMESE.search(line) for line in lines)
    changed = 0
    for i in suspects:
        converted = convert(lines[i])
        if converted == lines[i]:
            continue
        if not mixed or score_vietnamese(converted).fraction > score_vietnamese(lines[i]).fraction:
            lines[i] = converted
            changed += 1
    return ("\n".join(lines), encoding) if changed else (text, None)


_LEGACY_NAMES = {
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "vni": "VNI (phông VNI-Times)",
    "windows-1258": "Windows-1258",
}


def legacy_warning(encoding: str) -> str:
    return f"Văn bản gõ bằng bảng mã cũ {_LEGACY_NAMES[encoding]}: đã chuyển sang Unicode, hãy soát lại chữ có dấu."

