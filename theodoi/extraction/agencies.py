"""Finding agencies in a clause and telling lead from coordinating agencies."""

import re
from dataclasses import dataclass, field

from theodoi.extraction.lexicon import AgencyEntry, AgencyLexicon, token_keys
from theodoi.extraction.registry import place_written


@dataclass
class Token:
    key: str
    start: int
    end: int


@dataclass
class Mention:
    first: int  # token index
    last: int  # token index, inclusive
    entry: AgencyEntry | None
    written: str  # the agency's name as the text writes it (without a leader's title)
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(key, offset + start, offset + end) for key, start, end in token_keys(text)]


class Gazetteer:
    """Longest-match lookup of registry names over tokens."""

    def __init__(self, lexicon: AgencyLexicon, local: dict | None = None) -> None:
        self.lexicon = lexicon
        # Names that mean one agency only in this document ("UBND thành phố" = its own city's).
        self.local = local or {}
        self._local_longest = max((len(k) for k in self.local), default=0)
        self._local_first = {k[0] for k in self.local}
        # Tokens at which something can start: a registry or local name (or an article before
        # one), a leader's title, a place's committee. Most words of a text are none of
        # these, and the scan steps over them with one set lookup.
        self._starts = lexicon.first_tokens() | self._local_first | set(_TITLES_BY_FIRST) | _PLACE_STARTS

    def find(self, text: str, offset: int = 0) -> tuple[list[Token], list[Mention]]:
        tokens = tokenize(text, offset)
        keys = [t.key for t in tokens]
        mentions: list[Mention] = []
        starts = self._starts
        i = 0
        while i < len(tokens):
            if keys[i] not in starts:
                i += 1
                continue
            title = _leader_title(keys, i)
            places = _place_bodies(self.lexicon, text, offset, tokens, keys, i + title) \
                if i + title < len(keys) and keys[i + title] in _PLACE_STARTS else []
            if places:
                # "Chủ tịch Ủy ban nhân dân các tỉnh: …": the office, not the person.
                places[0] = Mention(i, places[0].last, places[0].entry, places[0].written, tokens[i].start, places[0].end)
                mentions.extend(places)
                i = places[-1].last + 1
                continue
            found = self.lexicon.match_at(keys, i)
            if keys[i] in self._local_first:
                for length in range(min(self._local_longest, len(keys) - i), 0, -1):
                    entry = self.local.get(tuple(keys[i:i + length]))
                    if entry is not None and (found is None or i + length > found[0]):
                        found = (i + length, entry)
                        break
            if found is not None:
                title = 0  # a name starts here: it wins over a title's reading
            if title and keys[i:i + 2] == ["bộ", "trưởng"] and self.lexicon.match_at(keys, i + title) is None:
                title = 2  # "Bộ trưởng, Thủ trưởng …": the ministers, i.e. the ministries
            if title:
                # "Bộ trưởng Bộ Tài chính", "Chủ tịch Ủy ban nhân dân tỉnh": the office, not the person.
                found = self.lexicon.match_at(keys, i + title)
                if found is None and keys[i:i + 2] == ["bộ", "trưởng"]:
                    ministries = self.lexicon.lookup("Các bộ, ngành")
                    found = (i + title, ministries) if ministries is not None else None
            if found is None:
                i += 1
                continue
            j, entry = found
            start, end = tokens[i].start, tokens[j - 1].end
            name_start = tokens[i + title].start if title and i + title < j else start
            branch = self._place_after(text, offset, tokens, keys, j, entry)
            if branch:
                # "Viettel Hải Phòng", "VNPT Hải Phòng": a body's branch in that place, not the
                # group plus the city's People's Committee; kept as written, unless it is the
                # place's own body ("Sở Ngoại vụ Hải Phòng").
                j, place = branch
                end = tokens[j - 1].end
                if getattr(entry, "place", None) != place:
                    entry = None
            region = _region_after(text, offset, tokens, keys, j)
            if region and entry is not None and entry.place is None and entry.kind != "collective":
                # "Kho bạc Nhà nước khu vực VIII", "Bảo hiểm xã hội khu vực Hải Dương": a regional
                # branch of a central body (the 2025 reorganisation made many), kept as written.
                j = region
                end = tokens[j - 1].end
                entry = None
            level = _local_level(text, offset, tokens, keys, j)
            if level and entry is not None and entry.place is None and entry.kind not in ("collective",) \
                    and not _has_place(entry.name):
                # "Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Nông dân thành phố": the local body of a
                # central one, named without its place: kept as written.
                j += level
                end = tokens[j - 1].end
                entry = None
            if entry is not None and entry.kind == "collective":
                # "Các sở, ngành, đơn vị", "các bộ, ngành, địa phương": generic nouns after a
                # collective are part of it, not agencies of their own.
                j = _absorb_generic(keys, j)
                end = tokens[j - 1].end
            mentions.append(Mention(i, j - 1, entry, text[name_start - offset:end - offset], start, end))
            i = j
            # "Bộ Xây dựng, Công Thương", "các Bộ: Quốc phòng, Tài chính": heads left out.
            elided = _elided_heads(self.lexicon, text, offset, tokens, keys, i, entry) if entry else []
            if elided:
                if entry is not None and entry.kind == "collective":
                    announced = mentions.pop()  # "Các Bộ:" only announces the list
                    first = elided[0]
                    elided[0] = Mention(announced.first, first.last, first.entry, first.written, announced.start, first.end)
                mentions.extend(elided)
                i = elided[-1].last + 1
        return tokens, mentions


    def _place_after(self, text: str, offset: int, tokens: list[Token], keys: list[str], j: int,
                     entry: AgencyEntry) -> tuple[int, str] | None:
        """(end, place) of a place's name written right after a body's name, or None."""
        if j >= len(keys) or entry.kind in ("collective", "peoples_committee", "peoples_council") \
                or not _is_capitalised(text, offset, tokens[j]):
            return None
        found = self.lexicon.match_at(keys, j)
        if found is None:
            return None
        place = place_written(text[tokens[j].start - offset:tokens[found[0] - 1].end - offset])
        return (found[0], place) if place else None


def _region_after(text: str, offset: int, tokens: list[Token], keys: list[str], j: int) -> int | None:
    """End of "khu vực VIII" / "khu vực 3" / "khu vực Hải Dương" right after a name, or None."""
    if keys[j:j + 2] != ["khu", "vực"] or j + 2 >= len(keys):
        return None
    word = text[tokens[j + 2].start - offset:tokens[j + 2].end - offset]
    if re.fullmatch(r"[IVXL]+|\d{1,2}", word):
        return j + 3
    end = j + 2
    while end < len(keys) and _is_capitalised(text, offset, tokens[end]):
        end += 1
    return end if end > j + 2 else None


# --- places and lists with their heads left out --------------------------------------------

_GENERIC = (("đơn", "vị"), ("địa", "phương"), ("cơ", "quan"), ("ngành",), ("đoàn", "thể"))
_RELATED = (("có", "liên", "quan"), ("liên", "quan"))
_LIST_END = {",", "và", ";", ":", ")", "(", "."}


def _absorb_generic(keys: list[str], j: int) -> int:
    """End of a collective once the generic nouns listed after it with a comma (", đơn vị",
    ", địa phương liên quan") are taken in; a noun that starts a longer name ("cơ quan ngang
    bộ", "đơn vị cấp nước") is left alone, and so is one after "và" ("các bộ, ngành và địa
    phương liên quan" names two)."""
    while j + 1 < len(keys) and keys[j] == ",":
        generic = next((g for g in _GENERIC if tuple(keys[j + 1:j + 1 + len(g)]) == g), None)
        if generic is None:
            break
        after = j + 1 + len(generic)
        related = next((r for r in _RELATED if tuple(keys[after:after + len(r)]) == r), ())
        after += len(related)
        if after < len(keys) and keys[after] not in _LIST_END:
            break
        j = after
    return j

_LOCAL_LEVELS = (("cấp", "tỉnh"), ("cấp", "xã"), ("tỉnh",), ("thành", "phố"), ("xã",), ("phường",))


def _has_place(name: str) -> bool:
    return any(f" {word} " in f" {name.lower()} " for word in ("tỉnh", "thành phố", "xã", "phường", "huyện"))


def _local_level(text: str, offset: int, tokens: list[Token], keys: list[str], j: int) -> int:
    """Tokens of a level word right after a name ("… tỉnh", "… cấp xã") that is not followed
    by a place's own name (then the name says which place: "… tỉnh Gia Lai")."""
    for level in _LOCAL_LEVELS:
        if tuple(keys[j:j + len(level)]) == level:
            after = j + len(level)
            if after < len(tokens) and _is_capitalised(text, offset, tokens[after]):
                return 0
            return len(level)
    return 0


_LEVELS = (("thành", "phố"), ("tỉnh",), ("tp",))
# Words a place's committee can start with ("Ủy ban nhân dân tỉnh …", "UBND các tỉnh …", "tỉnh …").
_PLACE_STARTS = {"ủy", "ubnd", "các", "những", "thành", "tỉnh", "tp"}
_LEVEL_NAMES = {("thành", "phố"): "thành phố", ("tỉnh",): "tỉnh", ("tp",): "thành phố"}
_COMMITTEE_HEADS = (("ủy", "ban", "nhân", "dân"), ("ubnd",))
_LIST_GLUE = {",", "và", ":"}
# Words that may follow a place's name without being part of it.
_MAX_PLACE_WORDS = 4


def _is_capitalised(text: str, offset: int, token: Token) -> bool:
    first = text[token.start - offset:token.start - offset + 1]
    return first.isupper() and first.isalpha()


def _place_name(text: str, offset: int, tokens: list[Token], k: int) -> int:
    """End (exclusive) of a place's name starting at token k: capitalised words ("Đắk Lắk",
    "Hồ Chí Minh"), 0 if none."""
    j = k
    while j < len(tokens) and j - k < _MAX_PLACE_WORDS and _is_capitalised(text, offset, tokens[j]) \
            and tokens[j].key not in ("ủy", "ubnd", "sở", "bộ", "ban", "tỉnh", "thành"):
        j += 1
    return j if j > k else 0


def _level_at(keys: list[str], k: int) -> tuple[str, ...] | None:
    return next((level for level in _LEVELS if tuple(keys[k:k + len(level)]) == level), None)


def _place_bodies(lexicon: AgencyLexicon, text: str, offset: int, tokens: list[Token], keys: list[str],
                  i: int) -> list[Mention]:
    """People's Committees named by their place when the registry does not know them:
    "tỉnh Khánh Hòa", "UBND tỉnh Gia Lai", "Ủy ban nhân dân thành phố Đà Nẵng, Cần Thơ và tỉnh
    Khánh Hòa" (three), "Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai" (one group, as
    the text groups them). A name the registry knows is left to the registry."""
    k = i
    head = next((h for h in _COMMITTEE_HEADS if tuple(keys[k:k + len(h)]) == h), None)
    if head:
        k += len(head)
    group = k < len(keys) and keys[k] in ("các", "những")
    if group:
        k += 1
    level = _level_at(keys, k)
    if level is None:
        return []
    k += len(level)
    if group:
        # "các tỉnh: A, B và C": one group of places.
        j = k + 1 if k < len(keys) and keys[k] == ":" else k
        names: list[str] = []
        while True:
            end = _place_name(text, offset, tokens, j)
            if not end:
                break
            names.append(text[tokens[j].start - offset:tokens[end - 1].end - offset])
            j = end
            if j + 1 < len(keys) and keys[j] in (",", "và") and _place_name(text, offset, tokens, j + 1):
                j += 1
                continue
            break
        if len(names) < 2 or not head:
            return []
        name = f"Ủy ban nhân dân các {_LEVEL_NAMES[level]} {', '.join(names)}"
        entry = AgencyEntry(name, "peoples_committee")
        return [Mention(i, j - 1, entry, text[tokens[i].start - offset:tokens[j - 1].end - offset],
                        tokens[i].start, tokens[j - 1].end)]
    end = _place_name(text, offset, tokens, k)
    if not end:
        return []
    known = lexicon.match_at(keys, i)
    if known is not None and known[0] >= end:
        return []  # the registry knows it
    mentions: list[Mention] = []
    current_level, start_i = level, i
    while True:
        place = text[tokens[k].start - offset:tokens[end - 1].end - offset]
        name = f"Ủy ban nhân dân {_LEVEL_NAMES[current_level]} {place}"
        entry = lexicon.lookup(name) or AgencyEntry(name, "peoples_committee")
        mentions.append(Mention(start_i, end - 1, entry, text[tokens[start_i].start - offset:tokens[end - 1].end - offset],
                                tokens[start_i].start, tokens[end - 1].end))
        # ", Cần Thơ" (same level, head left out) or "và tỉnh Khánh Hòa" (another level).
        j = end
        if j < len(keys) and keys[j] in (",", "và"):
            following = _level_at(keys, j + 1)
            if following and head:
                k = j + 1 + len(following)
                nxt = _place_name(text, offset, tokens, k)
                if nxt:
                    current_level, start_i, end = following, j + 1, nxt
                    continue
            elif head and _place_name(text, offset, tokens, j + 1):
                k = j + 1
                nxt = _place_name(text, offset, tokens, k)
                current_level, start_i, end = current_level, j + 1, nxt
                continue
        break
    return mentions


def _elided_heads(lexicon: AgencyLexicon, text: str, offset: int, tokens: list[Token], keys: list[str], i: int,
                  previous: AgencyEntry) -> list[Mention]:  # noqa: PLR0913
    """After "Bộ Xây dựng" (or "các Bộ:"), ", Công Thương và Y tế" names more ministries."""
    head = previous.name.split(" ", 1)[0].lower()
    j = i
    if previous.kind == "collective" and j < len(keys) and keys[j] == ":" and keys[j - 1] in ("bộ", "sở"):
        head = keys[j - 1]  # "Các Bộ: Quốc phòng, Tài chính"
    if head not in ("bộ", "sở"):
        return []
    mentions: list[Mention] = []
    while j + 1 < len(keys) and keys[j] in _LIST_GLUE and _is_capitalised(text, offset, tokens[j + 1]) \
            and keys[j + 1] not in ("bộ", "sở", "ủy", "ubnd", "ban", "các"):
        found = lexicon.match_at([head] + keys[j + 1:j + 12], 0)
        if found is None:
            break
        length, entry = found
        end = j + length  # the head is not in the text: one token less
        mentions.append(Mention(j + 1, end - 1, entry, f"{head.capitalize()} "
                                + text[tokens[j + 1].start - offset:tokens[end - 1].end - offset],
                                tokens[j + 1].start, tokens[end - 1].end))
        j = end
    return mentions


LEADER_TITLES = [tuple(t.split()) for t in (
    "phó thủ tướng", "bộ trưởng", "thứ trưởng", "thủ trưởng", "phó chủ tịch", "chủ tịch", "phó giám đốc",
    "tổng giám đốc", "giám đốc", "chánh văn phòng", "trưởng ban", "tổng cục trưởng", "cục trưởng",
    "tổng thanh tra", "chánh thanh tra", "thống đốc", "tổng kiểm toán", "bí thư", "trưởng",
)]


_TITLES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _title in sorted(LEADER_TITLES, key=len, reverse=True):
    _TITLES_BY_FIRST.setdefault(_title[0], []).append(_title)


def _leader_title(keys: list[str], i: int) -> int:
    """Length of a leader's title starting at token i (0 if none)."""
    for title in _TITLES_BY_FIRST.get(keys[i], ()):
        if tuple(keys[i:i + len(title)]) == title:
            return len(title)
    return 0


# Words that join agencies in one list.
_JOINERS = {",", "và", "cùng", "với", ";", "các"}


@dataclass
class Run:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.mentions[0].first

    @property
    def last(self) -> int:
        return self.mentions[-1].last


def runs(tokens: list[Token], mentions: list[Mention]) -> list[Run]:
    """Group mentions separated only by commas, "và", "cùng với" into lists."""
    result: list[Run] = []
    for mention in mentions:
        if result:
            gap = tokens[result[-1].last + 1:mention.first]
            if all(t.key in _JOINERS for t in gap) and len(gap) <= 3:
                result[-1].mentions.append(mention)
                continue
        result.append(Run([mention]))
    return result
