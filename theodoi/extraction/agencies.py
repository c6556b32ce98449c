"""Finding agencies in a clause and telling lead from coordinating agencies."""

import re
from dataclasses import dataclass, field

from theodoi.core.text import normalize_tone
from theodoi.extraction.lexicon import AgencyEntry, AgencyLexicon, lexicon_key

_TOKEN = re.compile(r"\w+(?:[&./-]\w+)*|[,;:()]")


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
    written: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    normalised = normalize_tone(text).lower()  # lower() keeps offsets for Vietnamese
    tokens = []
    for m in _TOKEN.finditer(normalised):
        key = lexicon_key(m.group()) or m.group()
        tokens.append(Token(key, offset + m.start(), offset + m.end()))
    return tokens


class Gazetteer:
    """Longest-match lookup of registry names over tokens."""

    def __init__(self, lexicon: AgencyLexicon) -> None:
        self.lexicon = lexicon

    def find(self, text: str, offset: int = 0) -> tuple[list[Token], list[Mention]]:
        tokens = tokenize(text, offset)
        mentions: list[Mention] = []
        i = 0
        limit = self.lexicon.max_words + 2
        while i < len(tokens):
            if tokens[i].key in {",", ";", ":", "(", ")"}:
                i += 1
                continue
            found = None
            for j in range(min(len(tokens), i + limit), i, -1):
                if tokens[j - 1].key in {",", ";", ":", "(", ")"}:
                    continue
                phrase = " ".join(t.key for t in tokens[i:j]).replace(" ,", ",")
                entry = self.lexicon.lookup(phrase)
                if entry is None and tokens[i].key not in ("các", "những"):
                    entry = self.lexicon.lookup("các " + phrase)
                if entry is not None:
                    found = (j, entry)
                    break
            if found:
                j, entry = found
                start, end = tokens[i].start, tokens[j - 1].end
                mentions.append(Mention(i, j - 1, entry, text[start - offset:end - offset], start, end))
                i = j
            else:
                i += 1
        return tokens, mentions


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
