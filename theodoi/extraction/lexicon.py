"""Agency names as documents write them → canonical registry names, without Django.

The lexicon is built from the registry file (data/agencies.json) or from any list of
(name, aliases) pairs, e.g. the live registry handed over by `intake.lexicon`.
"""

import json
import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from theodoi.lib.text import match_key

# "Bộ KH&ĐT" and "Bộ KHĐT" are the same abbreviation; so are "TP." and "TP".
_KEY_NOISE = re.compile(r"[.&]")

# Words that open the name of a state body; used to keep unknown names as written.
AGENCY_HEADS = (
    "bộ", "các bộ", "sở", "các sở", "ban", "các ban", "ủy ban", "ubnd", "hđnd", "hội đồng", "cục",
    "tổng cục", "văn phòng", "thanh tra", "kiểm toán", "ngân hàng", "đài", "thông tấn xã", "viện",
    "tòa án", "viện kiểm sát", "công an", "bộ chỉ huy", "bộ tư lệnh", "quân khu", "đảng ủy", "thành ủy",
    "tỉnh ủy", "các cơ quan", "cơ quan", "các đơn vị", "đơn vị", "các địa phương", "địa phương",
    "các tỉnh", "tỉnh", "thành phố", "các tổ chức", "tổ chức", "mặt trận", "hội", "liên đoàn", "đoàn",
    "tập đoàn", "tổng công ty", "quốc hội", "chính phủ", "thủ tướng", "các doanh nghiệp", "doanh nghiệp",
    "trung tâm", "hiệp hội", "đảng đoàn", "ban cán sự", "ban thường vụ", "quỹ", "công ty", "trường",
    "bệnh viện", "báo", "phó thủ tướng", "các hội", "thường trực", "tổ đại biểu", "đại biểu",
)


@lru_cache(maxsize=65536)
def lexicon_key(text: str) -> str:
    key = _KEY_NOISE.sub(" ", match_key(text))
    key = re.sub(r"\s[-–]\s", " ", key)  # "chính trị - xã hội"
    return re.sub(r"\s+", " ", key).strip()


_TOKEN = re.compile(r"\w+(?:[&./-]\w+)*|[,;:()]")
_ARTICLES = ("các", "những")


def token_keys(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each word or punctuation token; keys compare like lexicon keys."""
    from theodoi.lib.text import normalize_tone

    lowered = normalize_tone(text).lower()  # lower() keeps offsets for Vietnamese
    return [(lexicon_key(m.group()) or m.group(), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]


@dataclass(frozen=True)
class AgencyEntry:
    name: str
    kind: str
    dissolved: bool = False


class AgencyLexicon:
    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]]) -> None:
        """`entries`: (canonical name, kind, aliases) for every agency."""
        self._by_key: dict[str, AgencyEntry] = {}
        # The same names as token sequences, for scanning running text quickly.
        self._by_tokens: dict[tuple[str, ...], AgencyEntry] = {}
        self._longest_from: dict[str, int] = {}
        for name, kind, aliases in entries:
            entry = AgencyEntry(name, kind)
            for written in (name, *aliases):
                self._by_key.setdefault(lexicon_key(written), entry)
                tokens = tuple(key for key, _, _ in token_keys(written))
                variants = [tokens]
                # "cơ quan ngang bộ" is "các cơ quan ngang bộ"; a bare "bộ" is not "các bộ".
                if tokens and tokens[0] in _ARTICLES and len(tokens) > 2:
                    variants.append(tokens[1:])
                for variant in variants:
                    if variant:
                        self._by_tokens.setdefault(variant, entry)
                        first = variant[0]
                        self._longest_from[first] = max(self._longest_from.get(first, 0), len(variant))

    @classmethod
    def from_registry_file(cls, path: str | Path) -> "AgencyLexicon":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = []
        for item in data:
            aliases = list(item.get("aliases") or [])
            if item.get("short_name"):
                aliases.append(item["short_name"])
            entries.append((item["name"], item.get("kind") or "other", aliases))
        return cls(entries)

    def lookup(self, written: str) -> AgencyEntry | None:
        key = lexicon_key(written)
        found = self._by_key.get(key)
        if found is None and key.startswith(("các ", "những ")):
            found = self._by_key.get(key.split(" ", 1)[1])
        return found

    def match_at(self, keys: list[str], i: int) -> tuple[int, AgencyEntry] | None:
        """Longest registry name starting at token i (an article before it may be skipped)."""
        for start in (i, i + 1) if keys[i] in _ARTICLES else (i,):
            if start >= len(keys):
                break
            longest = self._longest_from.get(keys[start], 0)
            for j in range(min(len(keys), start + longest), start, -1):
                entry = self._by_tokens.get(tuple(keys[start:j]))
                if entry is not None:
                    return j, entry
        return None

    def __contains__(self, written: str) -> bool:
        return self.lookup(written) is not None



def looks_like_agency(text: str) -> bool:
    key = match_key(text)
    return any(key == head or key.startswith(head + " ") for head in AGENCY_HEADS)


_DEFAULT: AgencyLexicon | None = None


def default_lexicon() -> AgencyLexicon:
    """The registry shipped with theodoi (data/agencies.json), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        path = Path(__file__).resolve().parent.parent.parent / "data" / "agencies.json"
        _DEFAULT = AgencyLexicon.from_registry_file(path)
    return _DEFAULT
