"""Agency names as documents write them → canonical registry names, without Django.

The lexicon is built from the shipped registry (`registry.shipped_entries()`: data/agencies.json
and the national bodies derived from data/provinces-2025.json) or from any list of entries,
e.g. the live registry handed over by `intake.lexicon`.

Places. Every entry has `place`: the province-level unit its body belongs to ("Thanh Hóa",
"Hải Phòng"; a former province's name for its dissolved bodies), None for central bodies.
A document of a place calls that place's bodies by short names ("Sở Tài chính", "UBND
tỉnh", "Tỉnh ủy", "Thanh tra thành phố"). `lexicon.for_place(place)` is the same lexicon in
which those short names mean that place's bodies, ahead of any global alias:

    place = place_named_in(header.issuer or "")          # theodoi.extraction.registry
    local = lexicon.for_place(place)                      # cached per place; cheap
    local.lookup("Sở Tài chính").name                     # "Sở Tài chính tỉnh Thanh Hóa"
    local.match_at(keys, i)                               # same, scanning running text
    local.lookup("Tỉnh")                                   # its People's Committee (lookup only)
    local.local_names()                                   # token tuple → entry, for Gazetteer(local=…)

Names that carry their place ("Sở Tài chính tỉnh Thanh Hóa", "UBND tỉnh Đắk Lắk") resolve in
any lexicon. `for_place(None)` is the lexicon itself.
"""

import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass

from theodoi.extraction.registry import bare_place_word, local_forms, local_names, places, shipped_entries
from theodoi.lib.text import clean_text, match_key

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
    "học viện", "đại học", "tổng liên đoàn", "liên hiệp", "liên minh", "bảo hiểm xã hội", "kho bạc", "chi cục",
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
    place: str | None = None  # province-level unit of its body ("Thanh Hóa"); None: central
    # False for a body only `registry.LOCAL_BODY_FORMS` names: the extractor reads it as an
    # agency, but the registry (and so the commit's `AgencyResolver`) does not hold it.
    listed: bool = True


# An entry handed to the lexicon: (name, kind, aliases), optionally followed by its place
# and whether it is dissolved.
EntrySpec = tuple


@lru_cache(maxsize=1)
def _every_place_s_forms() -> tuple[tuple[str, AgencyEntry, list[tuple[str, ...]]], ...]:
    """(key, entry, token variants) of every place's `registry.LOCAL_BODY_FORMS` bodies."""
    return tuple((lexicon_key(name), AgencyEntry(name, "local", bool(place.dissolved_on), place.name, listed=False),
                  _token_variants(name))
                 for place in places().values() for name, _ in local_forms(place.name))


class AgencyLexicon:
    def __init__(self, entries: Iterable[EntrySpec]) -> None:
        """`entries`: (canonical name, kind, aliases[, place[, dissolved]]) for every agency."""
        self._by_key: dict[str, AgencyEntry] = {}
        # The same names as token sequences, for scanning running text quickly.
        self._trie = _TokenTrie()
        self._entries: list[AgencyEntry] = []
        self._local_by_key: dict[str, AgencyEntry] = {}
        self._registry_local_by_key: dict[str, AgencyEntry] = {}  # _local_by_key less the forms
        self._local_by_tokens: dict[tuple[str, ...], AgencyEntry] = {}
        self._local_trie = _TokenTrie()
        self._first_tokens: frozenset[str] | None = None
        self._place: str | None = None
        self._base: AgencyLexicon = self  # the lexicon without a place that a place's view is of
        self._for_place: dict[str, AgencyLexicon] = {}
        for spec in entries:
            name, kind, aliases = spec[0], spec[1], spec[2]
            place = spec[3] if len(spec) > 3 else None
            dissolved = bool(spec[4]) if len(spec) > 4 else False
            entry = AgencyEntry(name, kind, dissolved, place)
            self._entries.append(entry)
            for written in (name, *aliases):
                self._by_key.setdefault(lexicon_key(written), entry)
                for variant in _token_variants(written):
                    self._trie.add(variant, entry)
        # Every place's bodies the registry does not hold (`registry.LOCAL_BODY_FORMS`), by
        # their full names: "Hội Nông dân tỉnh Thái Nguyên" in a Government telegram, "Tỉnh
        # đoàn Gia Lai" in a Hải Phòng plan. Agencies to read, never registry bodies
        # (`resolves` does not find them), as in a place's own view below.
        self._forms_by_key: dict[str, AgencyEntry] = {}
        for key, entry, variants in _every_place_s_forms():
            if key in self._by_key or key in self._forms_by_key:
                continue
            self._forms_by_key[key] = entry
            for variant in variants:
                self._trie.add(variant, entry)

    @property
    def place(self) -> str | None:
        """The place this lexicon reads documents of (None: no place's short names)."""
        return self._place

    def for_place(self, place: str | None) -> "AgencyLexicon":
        """This lexicon in which `place`'s bodies answer to their short names (see the module
        docstring). Built once per place and kept."""
        base = self._base
        if not place:
            return base
        found = base._for_place.get(place)
        if found is None:
            found = base._for_place[place] = base._bound_to(place)
        return found

    def _bound_to(self, place: str) -> "AgencyLexicon":
        view = object.__new__(AgencyLexicon)
        view.__dict__.update(self.__dict__)
        view._base = self
        view._place = place
        view._for_place = {}
        view._local_by_key, view._local_by_tokens, view._local_trie = {}, {}, _TokenTrie()
        view._registry_local_by_key = {}
        view._first_tokens = None
        # Today's bodies first: "Sở Tài chính" is the department, not the one it replaced.
        own = sorted((e for e in self._entries if e.place == place), key=lambda e: e.dissolved)
        for entry in own:
            for written in local_names(entry.name, place):
                view._local_by_key.setdefault(lexicon_key(written), entry)
                for variant in _token_variants(written):
                    view._local_by_tokens.setdefault(variant, entry)
                    view._local_trie.add(variant, entry)
        view._registry_local_by_key = dict(view._local_by_key)
        # Bodies of the place the registry does not hold ("Sở Dân tộc và Tôn giáo", "Ban Tổ
        # chức Tỉnh ủy", "Hội Nông dân tỉnh"): still this place's agencies, named as written,
        # but not listed (`resolves` does not find them: the reviewer is told). A form the
        # registry holds under another wording ("Ban Quản lý Khu kinh tế thành phố" is Hải
        # Phòng's "Ban Quản lý Khu kinh tế Hải Phòng") means the registry's body.
        for name, stem in local_forms(place):
            entry = self._registered_form(view, place, (name, stem, f"{stem} {place}")) \
                or AgencyEntry(name, "local", False, place, listed=False)
            for written in (name, *local_names(name, place)):
                if lexicon_key(written) in view._local_by_key:
                    continue
                view._local_by_key[lexicon_key(written)] = entry
                for variant in _token_variants(written):
                    view._local_by_tokens.setdefault(variant, entry)
                    view._local_trie.add(variant, entry)
        word = bare_place_word(place)
        committee = next((e for e in own if e.kind == "peoples_committee" and not e.dissolved), None)
        if word and committee is not None:
            view._local_by_key.setdefault(lexicon_key(word), committee)
        return view

    def _registered_form(self, view: "AgencyLexicon", place: str, writings: Iterable[str]) -> AgencyEntry | None:
        """The registry's body of `place` that one of `writings` names, if any."""
        for written in writings:
            key = lexicon_key(written)
            found = view._registry_local_by_key.get(key) or self._by_key.get(key)
            if found is not None and found.place == place and not found.dissolved:
                return found
        return None

    def resolves(self, written: str) -> AgencyEntry | None:
        """The registry body `written` names as the commit's `agencies.selectors.AgencyResolver`
        (built with this lexicon's place) finds it: its name, aliases and short name, and for a
        place's view its own bodies' `registry.local_names`. Unlike `lookup`, never a body only
        `registry.LOCAL_BODY_FORMS` names, nor the bare "Tỉnh"/"Thành phố". A name the
        extractor outputs that this does not find must be in the task's `unresolved`."""
        return self._find(written, self._registry_local_by_key)

    def local_names(self) -> dict[tuple[str, ...], AgencyEntry]:
        """This place's short names as token tuples (empty without a place)."""
        return dict(self._local_by_tokens)

    @classmethod
    def from_entries(cls, data: Iterable[dict]) -> "AgencyLexicon":
        """From entries in registry-file format (data/agencies.json)."""
        entries = []
        for item in data:
            aliases = list(item.get("aliases") or [])
            if item.get("short_name"):
                aliases.append(item["short_name"])
            entries.append((item["name"], item.get("kind") or "other", aliases, item.get("place"),
                            bool(item.get("dissolved_on"))))
        return cls(entries)

    def lookup(self, written: str) -> AgencyEntry | None:
        return self._find(written, self._local_by_key, forms=True)

    def _find(self, written: str, local_by_key: dict[str, AgencyEntry], *, forms: bool = False
              ) -> AgencyEntry | None:
        """`written` (or it less a leading "các"/"những") among the place's names in
        `local_by_key`, then the registry's."""
        key = lexicon_key(written)
        for candidate in (key, key.split(" ", 1)[1] if key.startswith(("các ", "những ")) else None):
            if candidate:
                found = local_by_key.get(candidate) or self._by_key.get(candidate) \
                    or (self._forms_by_key.get(candidate) if forms else None)
                if found is not None:
                    return found
        return None

    def match_at(self, keys: list[str], i: int) -> tuple[int, AgencyEntry] | None:
        """Longest registry name starting at token i (an article before it may be skipped);
        of two names as long, the place's own."""
        for start in (i, i + 1) if keys[i] in _ARTICLES else (i,):
            if start >= len(keys):
                break
            best = self._local_trie.longest(keys, start)
            found = self._trie.longest(keys, start)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
            if best is not None:
                return best
        return None

    def first_tokens(self) -> frozenset[str]:
        """Every token at which `match_at` can find a name (a name's first word, or an article
        before one): at any other token it finds nothing, so a scan can step over it at once."""
        if self._first_tokens is None:
            self._first_tokens = frozenset(self._trie.children) | frozenset(self._local_trie.children) \
                | frozenset(_ARTICLES)
        return self._first_tokens

    def __contains__(self, written: str) -> bool:
        return self.lookup(written) is not None



class _TokenTrie:
    """Names as token sequences, one node per token. The longest name at a position is
    found by walking forward once, one dict lookup per token of the text, instead of
    slicing and looking up every possible length (that was most of a document's time)."""

    __slots__ = ("children", "entry")

    def __init__(self) -> None:
        self.children: dict[str, _TokenTrie] = {}
        self.entry: AgencyEntry | None = None

    def add(self, tokens: tuple[str, ...], entry: AgencyEntry) -> None:
        """The first entry given a name keeps it (as `dict.setdefault` did)."""
        node = self
        for token in tokens:
            child = node.children.get(token)
            if child is None:
                child = node.children[token] = _TokenTrie()
            node = child
        if node.entry is None:
            node.entry = entry

    def longest(self, keys: list[str], start: int) -> tuple[int, AgencyEntry] | None:
        """(end, entry) of the longest name that keys[start:end] spell, or None."""
        node, best = self, None
        for k in range(start, len(keys)):
            child = node.children.get(keys[k])
            if child is None:
                break
            node = child
            if node.entry is not None:
                best = (k + 1, node.entry)
        return best


def _token_variants(written: str) -> list[tuple[str, ...]]:
    tokens = tuple(key for key, _, _ in token_keys(written))
    variants = [tokens] if tokens else []
    # "cơ quan ngang bộ" is "các cơ quan ngang bộ"; a bare "bộ" is not "các bộ".
    if tokens and tokens[0] in _ARTICLES and len(tokens) > 2:
        variants.append(tokens[1:])
    return variants


# Heads that are also common words ("phòng, chống", "thuế thu nhập", "điện lực" as power):
# a body's head only before a capitalised name or a level of government ("Phòng Kinh tế xã
# …", "Thuế thành phố Hải Phòng" (the city's tax office since 07/2025), "Thống kê tỉnh …",
# "Điện lực Cao Bằng", "Cảng vụ Hàng hải …").
_HEADS_BEFORE_A_NAME = (
    "phòng", "thuế", "thống kê", "hải quan", "điện lực", "cảng vụ", "cảng", "bảo tàng", "thư viện",
    "nhà hát", "nhà xuất bản", "vườn quốc gia", "hạt kiểm lâm", "chi nhánh", "trạm",
)
_LEVELS_AFTER_A_HEAD = ("tỉnh", "thành phố", "tp", "xã", "phường", "đặc khu", "thị trấn", "khu vực", "cơ sở")


def looks_like_agency(text: str) -> bool:
    """Opens like the name of a state body ("Sở …", "Trung tâm …", "Phòng Kinh tế …")."""
    key = match_key(text)
    if any(key == head or key.startswith(head + " ") for head in AGENCY_HEADS):
        return True
    words = clean_text(text).split()
    for head in _HEADS_BEFORE_A_NAME:
        size = len(head.split())
        if key.startswith(head + " ") and len(words) > size:
            following = words[size]
            rest = " ".join(words[size:]).casefold().replace(".", " ") + " "
            if following[:1].isupper() or rest.startswith(tuple(level + " " for level in _LEVELS_AFTER_A_HEAD)):
                return True
    return False


_DEFAULT: AgencyLexicon | None = None


def default_lexicon() -> AgencyLexicon:
    """The registry shipped with theodoi (`registry.shipped_entries()`), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = AgencyLexicon.from_entries(shipped_entries())
    return _DEFAULT
