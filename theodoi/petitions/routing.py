"""Which agency should answer a petition: a ranked proposal with its reasons.

Five kinds of evidence, each with its reason shown to the office:
- the words of the petition against what each kind of department handles (`lexicon.py`);
- agencies the petitioner names ("Sở GTVT", an alias of a body merged in 2025 counts for its
  successor);
- the commune level itself when the petition turns to it ("đề nghị phường xử lý", "UBND xã
  An Lão") or raises what only a commune decides since 01/07/2025 (lexicon); an address
  ("ở phường Hải An") says where, never who;
- place names that point to a department (an industrial zone, an island), unless they are
  the name of a ward or commune in an address ("phường Đồ Sơn");
- a school's money ("khoản đóng góp" and a school): the commune since 07/2025, its reason
  says why, and the department of education beside it;
- the domain the task taxonomy gives the text (`theodoi.extraction.domains`), as a weak hint.
A text typed without diacritics (most of its words unmarked) is matched without them, but
not by one-syllable words that need their marks ("de" is not "đê"); a matter word after
"gần", "cạnh", "cổng" names a place and counts a quarter.
Candidates are the city's current bodies in the registry (Hải Phòng), and the Ministry of
Finance for taxes and customs (its own offices in the city collect them); names are resolved
through the registry and its aliases, so renaming a department is a registry change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
# A school's money (lexicon.SCHOOL_MONEY) keeps the department of education in the proposals.
SCHOOL_MONEY_WEIGHT = 2.0
# Addressing the ward's People's Committee by name weighs as naming a department; asking
# "phường" or "xã" to act, a little less (it may be how people say "the authorities").
WARD_NAMED_WEIGHT = MENTION_WEIGHT
WARD_ASKED_WEIGHT = 4.0
# At most this share of a text's words marked: it was typed without diacritics.
PLAIN_SHARE = 0.15
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
# "khu công nghiệp Đình Vũ", "KCN Nomura", "khu kinh tế Đình Vũ - Cát Hải": a zone's name too.
_NAMED = {"đường", "phố", "ngõ", "ngách", "phường", "xã", "thôn", "xóm", "làng", "cầu", "sông", "hồ", "chợ",
          "trường", "viện", "đình", "chùa", "đền", "khu", "quận", "huyện", "tỉnh", "núi", "đảo", "bến", "cảng",
          "kênh", "công viên", "tòa", "nhà", "tổ", "vịnh", "bãi", "đặc khu", "thị trấn", "công nghiệp", "kcn",
          "kinh tế"}
# Inside a sentence such a word with a capital, before another capitalised word, begins the
# name itself: "ở Đình Vũ" (a peninsula, no temple), "qua Cầu Rào", "tại Chợ Con".
_NAME_HEADS = {"đình", "chùa", "đền", "chợ", "cầu", "bến", "hồ", "núi", "đảo", "bãi"}
_TOKEN = re.compile(r"\w+|\W+")


def _without_proper_names(text: str) -> str:
    """`text` without the proper names that follow a word like "đường" or "chợ" (up to four
    capitalised words; abbreviations in capitals such as "THCS" stay)."""
    out: list[str] = []
    after_named = False
    dropped = 0
    previous = ""
    sentence_start = True
    tokens = _TOKEN.findall(text)
    for i, token in enumerate(tokens):
        if not token[0].isalnum():
            out.append(token)
            if any(mark in token for mark in ".!?;\n"):
                # A name does not run on into the next sentence ("… trên đường. Chợ tạm …").
                after_named = False
            sentence_start = sentence_start or any(mark in token for mark in ".!?:;(\n")
            continue
        lower = token.lower()
        capital = token[0].isupper() and not token.isupper()
        if after_named and dropped < 4 and capital:
            dropped += 1
            out.append("_")
            continue
        following = tokens[i + 2] if i + 2 < len(tokens) and tokens[i + 1].isspace() else ""
        named = (capital and not sentence_start and lower in _NAME_HEADS and following[:1].isupper()
                 and not following.isupper())
        after_named = named or lower in _NAMED or f"{previous} {lower}" in _NAMED
        dropped = 0
        previous = lower
        sentence_start = False
        out.append("_" if named else token)
    return "".join(out)


def _typed_plain(text: str) -> bool:
    """Whether the petition was typed without diacritics. Vietnamese prose marks most of its
    words; a text typed on a plain keyboard marks almost none, yet often keeps a few marked
    words (a title retyped, a pasted address), so the share decides, not any single mark."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return False
    marked = sum(strip_diacritics(word) != word for word in words)
    return marked <= PLAIN_SHARE * len(words)


# Since 01/07/2025 Đồ Sơn, Nam Đồ Sơn and Chí Linh are wards: "phường Đồ Sơn" is an address,
# not the resort the place hints mean. The ward's name is the one to three capitalised words
# after its kind in the text as written, and only those: "phường Đông Hải khu công nghiệp
# Đình Vũ" keeps its industrial zone, and "xa" ("xả", "xa") takes nothing lower-case. A name
# never begins with a place word ("phường Hải An Khu công nghiệp …").
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper())
_ADDRESS_KINDS = "phường|xã|đặc khu|thị trấn|tổ dân phố|thôn|phuong|xa|dac khu|thi tran|to dan pho|thon"
_ADDRESS = re.compile(
    rf"(?i:\b(?:{_ADDRESS_KINDS}))(?:\s+(?!(?i:khu|kcn|cảng|đảo|vịnh|cửa)\b)[{re.escape(_UPPER)}0-9]\w*){{1,3}}")
# In a text typed all in lower case the name has no capital: a place right after the kind
# ("phuong do son") is still the ward's name.
_ADDRESS_PLAIN = tuple(f" {kind} " for kind in _ADDRESS_KINDS.split("|") if kind.isascii())


def _ambiguous_plain(raw: str) -> bool:
    """A one-word cue with diacritics says nothing once they are gone: "đê" (dike) is "de"
    as in "de nghi", "chợ" is "cho" (for), "lương" is the "luong" of "chat luong". Its
    phrases ("de dieu", "mat dien") and unmarked words ("karaoke", "evn") still count."""
    phrase = raw.partition(":")[0]
    return len(phrase.split()) == 1 and strip_diacritics(phrase) != phrase


# Words before a place: "gần chợ", "cổng bệnh viện", "cạnh trường", "đường vào khu công
# nghiệp" say where the matter is, not what it is, so a matter word or a place name right
# after them counts a quarter.
_LOCATIVES = {False: ("gần", "cạnh", "sát", "cổng", "đối diện", "đường vào"), True: ("gan", "doi dien", "duong vao")}
LOCATIVE_SHARE = 0.25

# The petition turns to the commune, ward or special zone itself ("đề nghị phường xử lý",
# "UBND xã An Lão", "xã xuống kiểm tra"), as opposed to an address ("ở phường Hải
# An"), which says where, not who. Read on the text with proper names replaced by "_" but
# before the agencies' names are taken out, so that the look-behinds see "chủ tịch", "cán
# bộ", "công an" ("Công an" is an agency's name): a complaint about the ward's chairman, or
# a request to the ward's police, is not addressed to the ward. "xuống" is a request only
# with what to come down for ("xuống kiểm tra"), never "xuống cấp" (run down); "của
# phường" is whose, not who is asked ("giáo viên của xã").
_WARD_BODY = re.compile(
    r"(?<!chủ tịch )(?:ubnd|ủy ban nhân dân|ủy ban|chính quyền) (?:phường|xã|đặc khu|thị trấn)(?= _| |$)"
    r"|(?<!chủ tịch )\bubnd (?:phuong|xa)\b")
_WARD_ASKED = re.compile(
    r"(?:đề nghị|yêu cầu|kiến nghị|mong|báo|lên|ra|hỏi) (?:phường|xã|đặc khu)(?= (?!hội\b|_))"
    r"|(?<!chủ tịch )(?<!cán bộ )(?<!công an )\b(?:phường|xã) (?:có biện pháp|xử lý|kiểm tra|giải quyết|trả lời"
    r"|xuống (?:kiểm tra|xem|giải quyết|xử lý|làm việc|xác minh))"
    r"|\bde nghi (?:phuong|xa) ")


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
                self.departments.append((agency, label, [*cues, *lexicon.ENGLISH.get(stem, ())]))
        self.ward = resolver.resolve(lexicon.WARD_LEVEL)
        self.school_department = resolver.resolve(lexicon.SCHOOL_DEPARTMENT)
        self.school_label = next((label for agency, label, _cues in self.departments
                                  if self.school_department is not None and agency.pk == self.school_department.pk), "")
        self.places = [(found, place) for stem, place in lexicon.PLACES if (found := resolver.resolve(stem))]
        self.domains = {d: found for d, stem in lexicon.DOMAIN_AGENCIES.items() if (found := resolver.resolve(stem))}
        self.mentions = self._mention_names()
        self._cues: dict[bool, list[tuple[_Cue, Agency | None, str]]] = {}

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

    def cues(self, *, plain: bool) -> list[tuple[_Cue, Agency | None, str]]:
        """(cue, its department, the department's field), longest first; a phrase that is no
        matter (lexicon.NOT_MATTERS) has no department and only takes its words away."""
        if plain not in self._cues:
            items: list[tuple[_Cue, Agency | None, str]] = [
                (_cue(raw, plain=plain), agency, label) for agency, label, raws in self.departments for raw in raws
                if not (plain and _ambiguous_plain(raw))]
            items += [(_cue(phrase + ":0", plain=plain), None, "") for phrase in lexicon.NOT_MATTERS]
            # Longest phrase first; each stretch of text counts once ("sổ đỏ" is not also "đỏ").
            items.sort(key=lambda item: -len(item[0].words))
            self._cues[plain] = items
        return self._cues[plain]

    def _school_money(self, found: dict[tuple[int, str], list[str]], key: str, *, plain: bool,
                      add: Callable[[Agency, float, str], None]) -> None:
        """A commune-level money cue ("khoản đóng góp") about a school: the commune runs it since
        07/2025 (its reason says so), the department of education is proposed beside it."""
        assert self.ward is not None and self.school_department is not None
        money = [cue for (agency_id, _label), shown in found.items() if agency_id == self.ward.pk
                 for cue in shown if cue in lexicon.SCHOOL_MONEY]
        proposed = any(agency_id == self.school_department.pk for agency_id, _label in found)
        if not (money and (proposed or any(word in key for word in _school_words(plain=plain)))):
            return
        add(self.ward, 0.0, _("khoản thu của trường học: từ 01/07/2025 trường mầm non, tiểu học, trung học cơ sở "
                              "công lập do chính quyền cấp xã quản lý"))
        # Its own words already propose it: the reason, not more weight (the school is the commune's).
        add(self.school_department, 0.0 if proposed else SCHOOL_MONEY_WEIGHT,
            _("khoản thu của trường học: Sở Giáo dục và Đào tạo hướng dẫn các khoản thu và quản lý trường "
              "trung học phổ thông"))

    def route(self, text: str, *, top: int = TOP) -> list[Proposal]:
        proposals: dict[int, Proposal] = {}

        def add(agency: Agency, weight: float, reason: str) -> None:
            proposal = proposals.setdefault(agency.pk, Proposal(agency))
            proposal.score += weight
            if reason not in proposal.reasons:
                proposal.reasons.append(reason)

        accented = _words(_without_proper_names(text), plain=False)
        named = _WARD_BODY.search(accented)
        asked = _WARD_ASKED.search(accented)
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
        if self.ward is not None:
            if named or asked:
                add(self.ward, WARD_NAMED_WEIGHT if named else WARD_ASKED_WEIGHT,
                    _("kiến nghị gửi chính quyền cấp xã: “%(words)s”") % {
                        "words": (named or asked).group(0).replace(" _", "").strip()})  # type: ignore[union-attr]
        plain = _typed_plain(text)
        key = _words(accented, plain=True) if plain else accented
        locatives = _LOCATIVES[plain]
        # An upper-secondary school's money is the department's: the school is its own.
        upper = self.school_department is not None and any(word in key for word in _upper_words(plain=plain))
        found: dict[tuple[int, str], list[str]] = {}
        for cue, agency, label in self.cues(plain=plain):
            needle = " " + cue.words + " "
            hits = key.count(needle)
            if hits:
                where = sum(key.count(" " + word + needle) for word in locatives)
                key = key.replace(needle, " | ")
                if agency is None:
                    continue
                if upper and agency == self.ward and cue.shown in lexicon.SCHOOL_MONEY:
                    agency, label = self.school_department, self.school_label  # type: ignore[assignment]
                found.setdefault((agency.pk, label), []).append(cue.shown)
                add(agency, (hits - where * (1 - LOCATIVE_SHARE)) * cue.weight, "")
        for (agency_id, label), shown in found.items():
            proposal = proposals[agency_id]
            proposal.reasons.remove("")
            proposal.reasons.append(_("từ ngữ thuộc lĩnh vực %(field)s: %(words)s") % {
                "field": label, "words": ", ".join(f"“{w}”" for w in shown[:6])})
        if self.ward is not None and self.school_department is not None:
            self._school_money(found, key, plain=plain, add=add)
        plain_text = _words(_ADDRESS.sub(" _ ", text), plain=True)
        for agency, place in self.places:
            needle = " " + _words(place, plain=True).strip() + " "
            hits = plain_text.count(needle) - sum(plain_text.count(kind[:-1] + needle) for kind in _ADDRESS_PLAIN)
            if hits > 0:
                # "đường vào khu công nghiệp Nomura": the zone's kind may stand between.
                where = sum(plain_text.count(" " + word + kind + needle) for word in _LOCATIVES[True]
                            for kind in ("", " khu cong nghiep", " kcn", " khu kinh te"))
                share = LOCATIVE_SHARE if where >= hits else 1.0
                add(agency, share * PLACE_WEIGHT, _("địa danh “%(place)s”") % {"place": place.title()})
        for domain, weight in domain_scores(text).items():
            domain_agency = self.domains.get(domain)
            if domain_agency is not None:
                add(domain_agency, DOMAIN_WEIGHT * weight, _("lĩnh vực theo phân loại nhiệm vụ: %(domain)s") % {
                    "domain": _(DOMAIN_LABELS[domain])})
        ranked = sorted(proposals.values(), key=lambda p: (-p.score, p.agency.name))
        if not ranked and self.fallback is not None:
            ranked = [Proposal(self.fallback, 0.0, [_("không nhận ra lĩnh vực: văn phòng phân loại và chuyển")])]
        ward = _WARD.search(text)
        if ward and ranked:
            ranked[0].reasons.append(_("địa bàn: %(place)s") % {"place": ward.group(0).strip()})
        return ranked[:top]


def _school_words(*, plain: bool) -> tuple[str, ...]:
    return tuple(_words(word, plain=plain) for word in lexicon.SCHOOL_WORDS)


def _upper_words(*, plain: bool) -> tuple[str, ...]:
    return tuple(_words(word, plain=plain) for word in lexicon.UPPER_SECONDARY)


def route_petition(text: str, *, top: int = TOP) -> list[Proposal]:
    return Router().route(text, top=top)
