"""Which agency should answer a petition: a ranked proposal with its reasons.

Four kinds of evidence, each with its reason shown to the office:
- the words of the petition against what each kind of department handles (`lexicon.py`);
- agencies the petitioner names ("Sở GTVT", an alias of a body merged in 2025 counts for its
  successor);
- place names that point to a department (an industrial zone, an island);
- the domain the task taxonomy gives the text (`theodoi.extraction.domains`), as a weak hint.
Candidates are the city's current bodies in the registry (Hải Phòng); names are resolved
through the registry and its aliases, so renaming a department is a registry change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency, AgencyAlias, AgencyKind
from theodoi.agencies.selectors import AgencyResolver, current_successors
from theodoi.extraction.domains import DOMAIN_LABELS, domain_scores
from theodoi.lib.text import match_key, strip_diacritics
from theodoi.petitions import lexicon

CITY = "Ủy ban nhân dân thành phố Hải Phòng"
# A named department outweighs any word: the petitioner knows who they want to answer.
MENTION_WEIGHT = 6.0
# Naming the city's People's Committee or its office is how petitions are addressed, not a choice.
GENERAL_MENTION_WEIGHT = 0.5
DOMAIN_WEIGHT = 0.5
PLACE_WEIGHT = 3.0
TOP = 5
_CITY_SUFFIX = re.compile(r"\s+(?:thành phố|TP\.?)?\s*Hải Phòng$", re.IGNORECASE)
_WARD = re.compile(r"\b(?:phường|xã|đặc khu|thôn|tổ dân phố)\s+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*\s?){1,3})", re.UNICODE)


@dataclass
class Proposal:
    agency: Agency
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"agency": self.agency.name, "agency_id": self.agency.pk, "score": round(self.score, 2),
                "reasons": self.reasons}


def _words(text: str, *, plain: bool) -> str:
    key = match_key(text)
    if plain:
        key = strip_diacritics(key)
    return " " + " ".join(re.findall(r"\w+", key)) + " "


# Words after which capitalised words are a proper name: "đường Đình Vũ", "chợ Sắt",
# "cầu Rào", "bệnh viện Kiến An". The name says where, not what: "Đình" is no temple.
_NAMED = {"đường", "phố", "ngõ", "ngách", "phường", "xã", "thôn", "xóm", "làng", "cầu", "sông", "hồ", "chợ",
          "trường", "viện", "đình", "chùa", "đền", "khu", "quận", "huyện", "tỉnh", "núi", "đảo", "bến", "cảng",
          "kênh", "công viên", "tòa", "nhà", "tổ", "vịnh", "bãi", "đặc khu", "thị trấn"}
_TOKEN = re.compile(r"\w+|\W+")


def _without_proper_names(text: str) -> str:
    """`text` without the proper names that follow a word like "đường" or "chợ" (up to four
    capitalised words; abbreviations in capitals such as "THCS" stay)."""
    out: list[str] = []
    after_named = False
    dropped = 0
    previous = ""
    for token in _TOKEN.findall(text):
        if not token[0].isalnum():
            out.append(token)
            continue
        lower = token.lower()
        if after_named and dropped < 4 and token[0].isupper() and not token.isupper():
            dropped += 1
            out.append("_")
            continue
        after_named = lower in _NAMED or f"{previous} {lower}" in _NAMED
        dropped = 0
        previous = lower
        out.append(token)
    return "".join(out)


def _has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


@dataclass(frozen=True)
class _Cue:
    words: str  # as matched, between spaces
    weight: float
    shown: str


def _cue(raw: str, *, plain: bool) -> _Cue:
    phrase, _sep, weight = raw.partition(":")
    words = _words(phrase, plain=plain).strip()
    return _Cue(words, float(weight) if weight else float(len(words.split())), phrase)


class Router:
    """Built once per request or command (reads the registry); `route` is then pure."""

    def __init__(self) -> None:
        resolver = AgencyResolver()
        self.fallback = resolver.resolve(lexicon.FALLBACK)
        city = resolver.resolve(CITY)
        self.city_ids = {city.pk} if city else set()
        self.general_ids = {a.pk for a in (city, self.fallback, resolver.resolve("Hội đồng nhân dân thành phố Hải Phòng"))
                            if a is not None}
        # (agency, label, cues) for each department the registry knows.
        self.departments: list[tuple[Agency, str, list[str]]] = []
        for stem, label, cues in lexicon.DEPARTMENTS:
            agency = resolver.resolve(stem)
            if agency is not None:
                self.departments.append((agency, label, list(cues)))
        self.places = [(found, place) for stem, place in lexicon.PLACES if (found := resolver.resolve(stem))]
        self.domains = {d: found for d, stem in lexicon.DOMAIN_AGENCIES.items() if (found := resolver.resolve(stem))}
        self.mentions = self._mention_names()
        self._cues: dict[bool, list[tuple[_Cue, Agency, str]]] = {}

    def _mention_names(self) -> list[tuple[str, str, list[Agency]]]:
        """(name as written, key, the current bodies it stands for) for every city body."""
        city_bodies = Agency.objects.filter(parent_id__in=self.city_ids) | Agency.objects.filter(pk__in=self.city_ids) \
            | Agency.objects.filter(name__endswith="thành phố Hải Phòng")
        bodies = {a.pk: a for a in city_bodies.exclude(kind=AgencyKind.COLLECTIVE).prefetch_related("succeeded_by")}
        names: list[tuple[str, int]] = [(a.name, a.pk) for a in bodies.values()]
        names += [(a.short_name, a.pk) for a in bodies.values() if a.short_name]
        names += list(AgencyAlias.objects.filter(agency_id__in=bodies).values_list("alias", "agency_id"))
        # "Sở GTVT Hải Phòng" is also written "Sở GTVT": the city is implied.
        names += [(short, agency_id) for name, agency_id in names
                  if (short := _CITY_SUFFIX.sub("", name)) != name and len(short.split()) >= 2]
        result = []
        for name, agency_id in names:
            key = _words(name, plain=False).strip()
            # "Hải Phòng", "Thành ủy": too short to be a choice of department.
            if len(key.split()) < 2 or key in ("thành phố hải phòng", "tp hải phòng"):
                continue
            result.append((name, key, current_successors(bodies[agency_id])))
        result.sort(key=lambda item: -len(item[1]))
        return result

    def cues(self, *, plain: bool) -> list[tuple[_Cue, Agency, str]]:
        if plain not in self._cues:
            items = [(_cue(raw, plain=plain), agency, label) for agency, label, raws in self.departments for raw in raws]
            # Longest phrase first; each stretch of text counts once ("sổ đỏ" is not also "đỏ").
            items.sort(key=lambda item: -len(item[0].words))
            self._cues[plain] = items
        return self._cues[plain]

    def route(self, text: str, *, top: int = TOP) -> list[Proposal]:
        proposals: dict[int, Proposal] = {}

        def add(agency: Agency, weight: float, reason: str) -> None:
            proposal = proposals.setdefault(agency.pk, Proposal(agency))
            proposal.score += weight
            if reason not in proposal.reasons:
                proposal.reasons.append(reason)

        accented = _words(_without_proper_names(text), plain=False)
        # Names of agencies: always on the accented text (they are written with diacritics).
        for name, key, successors in self.mentions:
            needle = " " + key + " "
            if needle in accented:
                accented = accented.replace(needle, " | ")
                for agency in successors:
                    general = agency.pk in self.general_ids
                    weight = (GENERAL_MENTION_WEIGHT if general else MENTION_WEIGHT) / len(successors)
                    reason = _("kiến nghị nêu tên “%(name)s”") % {"name": name}
                    if agency.name != name and not general:
                        reason += " " + _("(nay là %(agency)s)") % {"agency": agency.name}
                    add(agency, weight, reason)
        plain = not _has_diacritics(text)
        key = _words(accented, plain=True) if plain else accented
        found: dict[tuple[int, str], list[str]] = {}
        for cue, agency, label in self.cues(plain=plain):
            needle = " " + cue.words + " "
            hits = key.count(needle)
            if hits:
                key = key.replace(needle, " | ")
                found.setdefault((agency.pk, label), []).append(cue.shown)
                add(agency, hits * cue.weight, "")
        for (agency_id, label), shown in found.items():
            proposal = proposals[agency_id]
            proposal.reasons.remove("")
            proposal.reasons.append(_("từ ngữ thuộc lĩnh vực %(field)s: %(words)s") % {
                "field": label, "words": ", ".join(f"“{w}”" for w in shown[:6])})
        plain_text = _words(text, plain=True)
        for agency, place in self.places:
            if " " + _words(place, plain=True).strip() + " " in plain_text:
                add(agency, PLACE_WEIGHT, _("địa danh “%(place)s”") % {"place": place.title()})
        for domain, weight in domain_scores(text).items():
            agency = self.domains.get(domain)
            if agency is not None:
                add(agency, DOMAIN_WEIGHT * weight, _("lĩnh vực theo phân loại nhiệm vụ: %(domain)s") % {
                    "domain": _(DOMAIN_LABELS[domain])})
        ranked = sorted(proposals.values(), key=lambda p: (-p.score, p.agency.name))
        if not ranked and self.fallback is not None:
            ranked = [Proposal(self.fallback, 0.0, [_("không nhận ra lĩnh vực: văn phòng phân loại và chuyển")])]
        ward = _WARD.search(text)
        if ward and ranked:
            ranked[0].reasons.append(_("địa bàn: %(place)s") % {"place": ward.group(0).strip()})
        return ranked[:top]


def route_petition(text: str, *, top: int = TOP) -> list[Proposal]:
    return Router().route(text, top=top)
