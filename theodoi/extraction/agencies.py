"""Finding agencies in a clause and telling lead from coordinating agencies."""

import re
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
    written: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(key, offset + start, offset + end) for key, start, end in token_keys(text)]


class Gazetteer:
    """Longest-match lookup of registry names over tokens."""

    def __init__(self, lexicon: AgencyLexicon) -> None:
        self.lexicon = lexicon

    def find(self, text: str, offset: int = 0) -> tuple[list[Token], list[Mention]]:
        tokens = tokenize(text, offset)
        keys = [t.key for t in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self.lexicon.match_at(keys, i)
            if found is None:
                i += 1
                continue
            j, entry = found
            start, end = tokens[i].start, tokens[j - 1].end
            mentions.append(Mention(i, j - 1, entry, text[start - offset:end - offset], start, end))
            i = j
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
