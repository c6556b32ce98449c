"""Finding agencies in a clause and telling lead from coordinating agencies."""

from dataclasses import dataclass, field

from theodoi.extraction.lexicon import AgencyEntry, AgencyLexicon, token_keys


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

    def find(self, text: str, offset: int = 0) -> tuple[list[Token], list[Mention]]:
        tokens = tokenize(text, offset)
        keys = [t.key for t in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self.lexicon.match_at(keys, i)
            for length in range(min(self._local_longest, len(keys) - i), 0, -1):
                entry = self.local.get(tuple(keys[i:i + length]))
                if entry is not None and (found is None or i + length > found[0]):
                    found = (i + length, entry)
                    break
            title = _leader_title(keys, i) if found is None else 0
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
            mentions.append(Mention(i, j - 1, entry, text[name_start - offset:end - offset], start, end))
            i = j
        return tokens, mentions


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
