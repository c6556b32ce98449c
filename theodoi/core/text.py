"""Vietnamese text helpers: one place decides what "the same words" means.

Everything stored is NFC. Matching keys additionally fold case and the two tone
placements ("hoà" = "hòa", "uỷ" = "ủy"); search keys also drop diacritics so that
"ha tang" finds "hạ tầng".
"""

import re
import unicodedata

# Old ("hòa", "ủy") and new ("hoà", "uỷ") tone placement on the open syllables oa, oe, uy.
# The state writes agency names the old way, so that is the canonical form here.
_NEW_TO_OLD_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(_NEW_TO_OLD_TONE) + "|" + "|".join(k.upper() for k in _NEW_TO_OLD_TONE)
    + "|" + "|".join(k[0].upper() + k[1] for k in _NEW_TO_OLD_TONE) + r")(?![^\W\d_])"
)
_SPACE_RE = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def _old_tone(match: re.Match) -> str:
    found = match.group(0)
    old = _NEW_TO_OLD_TONE[found.lower()]
    # Keep the capitalisation of each letter.
    return "".join(o.upper() if f.isupper() else o for f, o in zip(found, old))


def normalize_tone(text: str) -> str:
    """NFC with old-style tone placement on open oa/oe/uy syllables ("Hoà" → "Hòa")."""
    return _TONE_RE.sub(_old_tone, nfc(text))


def clean_text(text: str | None) -> str:
    """Text as stored: NFC, tone placement unified, runs of white space collapsed."""
    return _SPACE_RE.sub(" ", normalize_tone(text or "")).strip()


def match_key(text: str | None) -> str:
    """Key under which two spellings of the same name compare equal (case, tone, spaces)."""
    key = clean_text(text).casefold()
    return key.strip(" .,;:")


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of verbatim words in a document text, whatever their tone placement or
    line breaks ("Uỷ ban … hoà bình" is found in "Ủy ban … hòa bình")."""
    haystack = normalize_tone(text)
    if len(haystack) != len(text):  # text not NFC: offsets would not map back
        haystack = text
    pattern = r"\s+".join(re.escape(word) for word in normalize_tone(quote).split())
    if not pattern:
        return None
    match = re.search(pattern, haystack)
    return (match.start(), match.end()) if match else None


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_key(text: str | None) -> str:
    """Key for accent-insensitive search: lower case, no diacritics, single spaces."""
    return strip_diacritics(match_key(text))
