"""Vietnamese text keys: the one place that decides what "the same words" means.

Plain Python (no Django), so the extractor, the scorer and the apps share it. Everything
stored is NFC. Matching keys also fold case and the two tone placements ("hoà" = "hòa",
"uỷ" = "ủy"); search keys also drop diacritics so that "ha tang" finds "hạ tầng".
Invisible format characters (Unicode category Cf: zero-width space and joiners, soft
hyphen, byte-order mark, bidi controls) never reach a key or a stored title: pasted from a
web page they would make two equal names differ and defeat a search.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

# Old ("hòa", "ủy") and new ("hoà", "uỷ") tone placement on the open syllables oa, oe, uy.
# The state writes agency names the old way, so that is the canonical form here.
NEW_TO_OLD_TONE: dict[str, str] = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def _tone_pattern() -> re.Pattern[str]:
    """"oà", "Oà", "OÀ" (never "oÀ") and the like, not after q ("quà") nor before a letter.

    Written as one character class per opening vowel ("o[àá…]|O[àá…ÀÁ…]|u[…]|U[…]") rather
    than 45 alternatives: the same matches, four times faster over a long document."""
    branches = []
    for vowel in "ou":
        tones = "".join(new[1] for new in NEW_TO_OLD_TONE if new[0] == vowel)
        branches += [f"{vowel}[{tones}]", f"{vowel.upper()}[{tones}{tones.upper()}]"]
    return re.compile(r"(?<![qQ])(" + "|".join(branches) + r")(?![^\W\d_])")


_TONE_RE = _tone_pattern()
_SPACE_RE = re.compile(r"\s+")
# Share of capitals among the letters above which a line is set in capitals (a heading):
# "I. NHIỆM VỤ VỀ KINH TẾ", even with a lower-case "và" or unit inside.
CAPITALS_SHARE = 0.85


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


@functools.cache
def _format_chars_re() -> re.Pattern[str]:
    """Every format character this Python's Unicode database knows, as one character class.

    Built on first use by asking `unicodedata` (so it follows the Unicode version) rather
    than from a hand-made list; a regex class removes them from a title in one pass, where
    asking the category of each character was a third of a table import's time.
    """
    codes = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    # As ranges ("\u200b-\u200f"), not one by one: the same class, but listing its 160-odd
    # characters singly made every scan over a text ten times slower.
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return re.compile("[" + "".join(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
                                    for first, last in ranges) + "]")


def strip_format_chars(text: str) -> str:
    """Text without invisible format characters (category Cf): U+200B zero-width space,
    U+200C/U+200D joiners, U+00AD soft hyphen, U+FEFF, U+2060, bidi marks and embeddings."""
    if text.isascii():
        return text
    return _format_chars_re().sub("", text)


def _old_tone(match: re.Match[str]) -> str:
    found = match.group(0)
    old = NEW_TO_OLD_TONE[found.lower()]
    # Keep the capitalisation of each letter.
    return "".join(o.upper() if f.isupper() else o for f, o in zip(found, old))


def normalize_tone(text: str) -> str:
    """NFC with old-style tone placement on open oa/oe/uy syllables ("Hoà" → "Hòa")."""
    return _TONE_RE.sub(_old_tone, nfc(text))


def clean_text(text: str | None) -> str:
    """Text as stored (titles, names): NFC, no format characters, tone placement unified,
    runs of white space collapsed."""
    return _SPACE_RE.sub(" ", normalize_tone(strip_format_chars(text or ""))).strip()


def match_key(text: str | None) -> str:
    """Key under which two spellings of the same name compare equal (case, tone, spaces,
    invisible characters, trailing punctuation)."""
    key = clean_text(text).casefold()
    return key.strip(" .,;:")


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of verbatim words in a document text, whatever their tone placement or
    line breaks ("Uỷ ban … hoà bình" is found in "Ủy ban … hòa bình")."""
    haystack = normalize_tone(text)
    if len(haystack) != len(text):  # text not NFC: offsets would not map back
        haystack = text
    pattern = r"\s+".join(re.escape(word) for word in normalize_tone(strip_format_chars(quote)).split())
    if not pattern:
        return None
    match = re.search(pattern, haystack)
    return (match.start(), match.end()) if match else None


def strip_diacritics(text: str) -> str:
    """"Hạ tầng Đông Hải" → "Ha tang Dong Hai" (đ is a letter of its own, not d + mark)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_key(text: str | None) -> str:
    """Key for accent-insensitive search: lower case, no diacritics, no format
    characters, single spaces."""
    return strip_diacritics(match_key(text))


def is_mostly_capitals(text: str) -> bool:
    """A line set in capitals, as headings are ("II. NHIỆM VỤ, GIẢI PHÁP"): more than
    `CAPITALS_SHARE` of its letters are capitals. No letters: not a heading."""
    letters = list(filter(str.isalpha, text))  # map/filter with str methods: no Python loop per character
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > CAPITALS_SHARE
