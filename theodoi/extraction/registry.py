"""The shipped agency registry, and places: which province-level unit a body belongs to.

The registry theodoi ships is two files in `data/`:

- `agencies.json`: central bodies (ministries, Party, National Assembly, collectives) and
  the hand-written local entries (Hải Phòng, Hà Nội, Hải Dương), exactly as written there;
- `provinces-2025.json`: the 34 provincial-level units of 2025 (Nghị quyết 202/2025/QH15)
  with the provinces merged into each. Every unit's standard bodies (Party committee,
  People's Council and Committee, the Committee's office, the departments, inspectorate,
  police, military command, Fatherland Front) are derived here by rule, and so are the
  former provinces' bodies (dissolved 01/07/2025, each succeeded by the same body of the
  unit it joined) and the departments merged on 01/03/2025 (Sở Kế hoạch và Đầu tư → Sở
  Tài chính, …). Nothing is written out by hand per province.

`shipped_entries()` returns both as one list of dicts in the format of `agencies.json`
plus `"place"`; `agencies.services.registry_load` stores them and the extractor's default
lexicon reads them. Where a derived body has the name of a hand-written one (Hải Phòng's),
the hand-written entry wins, untouched.

Places: every body of a province-level unit has `place`, the unit's short name
("Thanh Hóa", "Hải Phòng", "Hồ Chí Minh"; a former province's bodies have the former
province's name, "Hải Dương"); central bodies have none. `local_names(name, place)` gives
the short names by which a document of that place calls the body ("Sở Tài chính",
"UBND tỉnh", "Tỉnh ủy"): see `AgencyLexicon.for_place`.

Plain Python, no Django.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from theodoi.lib.text import clean_text
from theodoi.lib.text import match_key as _match_key

# The registry's ~10,000 names are keyed several times over while loading: key each once.
match_key = lru_cache(maxsize=65536)(_match_key)

DATA = Path(__file__).resolve().parent.parent.parent / "data"
AGENCIES_FILE = DATA / "agencies.json"
PROVINCES_FILE = DATA / "provinces-2025.json"

MERGED_ON = "2025-07-01"  # provinces merged, district level abolished (Nghị quyết 202/2025/QH15)
DEPARTMENTS_MERGED_ON = "2025-03-01"  # departments merged along the ministries' lines

# The departments every unit has since 01/03/2025, with the abbreviations documents use.
DEPARTMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sở Nội vụ", ()),
    ("Sở Tài chính", ()),
    ("Sở Tư pháp", ()),
    ("Sở Công Thương", ()),
    ("Sở Xây dựng", ()),
    ("Sở Nông nghiệp và Môi trường", ("Sở NN&MT", "Sở NNMT")),
    ("Sở Khoa học và Công nghệ", ("Sở KH&CN", "Sở KHCN")),
    ("Sở Văn hóa, Thể thao và Du lịch", ("Sở VHTT&DL", "Sở VHTTDL", "Sở VH,TT&DL")),
    ("Sở Giáo dục và Đào tạo", ("Sở GD&ĐT", "Sở GDĐT")),
    ("Sở Y tế", ()),
)

# Departments that only some units have (agencies-2025.md).
OPTIONAL_DEPARTMENTS: tuple[str, ...] = ("Sở Ngoại vụ", "Sở Dân tộc và Tôn giáo", "Sở Du lịch",
                                         "Sở Quy hoạch - Kiến trúc", "Sở Quy hoạch và Kiến trúc")

# Other bodies of a province that its documents assign work to, which the registry does not
# hold as bodies (the Party committee's boards, the mass organisations, the economic-zone
# board, …): the extractor must still read them as that place's agencies, named as written
# (`local_forms`, `AgencyLexicon.for_place`). "{party}" is "Tỉnh ủy"/"Thành ủy", "{level}"
# "tỉnh"/"thành phố", "{union}" "Tỉnh đoàn"/"Thành đoàn".
LOCAL_BODY_FORMS: tuple[str, ...] = (
    *OPTIONAL_DEPARTMENTS,
    "Văn phòng {party}", "Ban Tổ chức {party}", "Ban Tuyên giáo và Dân vận {party}", "Ban Tuyên giáo {party}",
    "Ban Dân vận {party}", "Ủy ban Kiểm tra {party}", "Ban Nội chính {party}",
    "Đảng ủy Ủy ban nhân dân {level}", "Đảng ủy các cơ quan Đảng {level}", "{union}",
    "Hội Liên hiệp Phụ nữ {level}", "Hội Nông dân {level}", "Hội Cựu chiến binh {level}",
    "Liên đoàn Lao động {level}", "Liên hiệp các Hội Khoa học và Kỹ thuật {level}", "Liên minh Hợp tác xã {level}",
    "Hội Chữ thập đỏ {level}", "Hiệp hội Doanh nghiệp {level}", "Ban Quản lý Khu kinh tế {level}",
    "Ban Quản lý các khu công nghiệp {level}", "Bảo hiểm xã hội {level}", "Bộ Chỉ huy Bộ đội Biên phòng {level}",
    "Tòa án nhân dân {level}", "Viện kiểm sát nhân dân {level}",
)


def local_forms(place: str | None) -> list[tuple[str, str]]:
    """(name with its place, stem) of the bodies of `LOCAL_BODY_FORMS` in `place`:
    ("Ban Tổ chức Tỉnh ủy Cao Bằng", "Ban Tổ chức Tỉnh ủy"), ("Hội Nông dân tỉnh Cao Bằng",
    "Hội Nông dân"), ("Sở Ngoại vụ tỉnh Cao Bằng", "Sở Ngoại vụ")."""
    found = places().get(place or "")
    if found is None:
        return []
    union = "Thành đoàn" if found.is_city else "Tỉnh đoàn"
    names = []
    for form in LOCAL_BODY_FORMS:
        if "{level}" in form or form.startswith("Sở "):
            stem = form.replace(" {level}", "")
            names.append((f"{stem} {found.full}", stem))
        else:
            stem = form.format(party=found.party_committee, union=union)
            names.append((f"{stem} {found.name}", stem))
    return names


# Departments merged on 01/03/2025 → the departments that took their functions.
FORMER_DEPARTMENTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Sở Kế hoạch và Đầu tư", ("Sở KH&ĐT", "Sở KHĐT"), ("Sở Tài chính",)),
    ("Sở Giao thông vận tải", ("Sở GTVT",), ("Sở Xây dựng",)),
    ("Sở Tài nguyên và Môi trường", ("Sở TN&MT", "Sở TNMT"), ("Sở Nông nghiệp và Môi trường",)),
    ("Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT", "Sở NNPTNT"), ("Sở Nông nghiệp và Môi trường",)),
    ("Sở Thông tin và Truyền thông", ("Sở TT&TT", "Sở TTTT"),
     ("Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch")),
    ("Sở Lao động - Thương binh và Xã hội", ("Sở LĐ-TB&XH", "Sở LĐTBXH"),
     ("Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Y tế")),
)

# Long heads of names and the short forms documents write for them.
_HEAD_ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Văn phòng Ủy ban nhân dân", ("Văn phòng UBND", "VP UBND")),
    ("Ủy ban nhân dân", ("UBND",)),
    ("Hội đồng nhân dân", ("HĐND",)),
    ("Bộ Chỉ huy Quân sự", ("Bộ CHQS",)),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", ("Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ", "Mặt trận Tổ quốc Việt Nam")),
) + tuple((stem, abbreviations) for stem, abbreviations in DEPARTMENTS if abbreviations) \
  + tuple((stem, abbreviations) for stem, abbreviations, _ in FORMER_DEPARTMENTS)


# Places named after a person: the name alone is the person, not the place.
PEOPLE_S_NAMES = frozenset({"Hồ Chí Minh"})


@dataclass(frozen=True)
class Place:
    """A province-level unit of 2025, or a province merged into one."""

    name: str  # "Thanh Hóa", "Hồ Chí Minh"
    level: str  # "tỉnh" or "thành phố"
    full: str  # "tỉnh Thanh Hóa", "Thành phố Hồ Chí Minh": as it follows a body's head
    unit: str  # the unit of 2025 it is (its own name) or was merged into
    dissolved_on: str | None = None
    aliases: tuple[str, ...] = ()  # other spellings of the place ("TP.HCM")

    @property
    def party_committee(self) -> str:
        return "Thành ủy" if self.level == "thành phố" else "Tỉnh ủy"

    @property
    def is_city(self) -> bool:
        return self.level == "thành phố"


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every place by name: the 34 units and the provinces merged into them."""
    result: dict[str, Place] = {}
    for unit in json.loads(PROVINCES_FILE.read_text(encoding="utf-8")):
        level = unit["level"]
        name = unit["name"]
        result[name] = Place(name, level, unit.get("full") or f"{level} {name}", name,
                             aliases=tuple(unit.get("aliases") or ()))
        for former in unit.get("former") or ():
            if isinstance(former, str):
                former = {"name": former}
            result[former["name"]] = Place(former["name"], "tỉnh", f"tỉnh {former['name']}", name,
                                           dissolved_on=former.get("dissolved_on") or MERGED_ON)
    return result


def units() -> list[Place]:
    """The 34 provincial-level units of 2025."""
    return [p for p in places().values() if p.unit == p.name]


@lru_cache(maxsize=1)
def _place_keys() -> list[tuple[str, str]]:
    """(key of a way to write the place, place name), longest first: "thừa thiên huế" before "huế"."""
    pairs = [(match_key(written), place.name) for place in places().values()
             for written in (place.name, place.full, *place.aliases)]
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def place_written(text: str) -> str | None:
    """The place `text` is, written alone ("Hải Phòng", "thành phố Hải Phòng", "TP.HCM"), or None."""
    key = match_key(text)
    return next((place for place_key, place in _place_keys() if key == place_key), None)


def place_of_name(name: str) -> str | None:
    """The place a body's name ends with ("Sở Tài chính tỉnh Thanh Hóa" → "Thanh Hóa"), or None."""
    key = match_key(name)
    for place_key, place in _place_keys():
        if key == place_key or key.endswith(" " + place_key):
            return place
    return None


_PLACE_WORDS = re.compile(r"(?:tỉnh|thành phố|tp|thủ đô)\s+(.+)")


def place_named_in(text: str) -> str | None:
    """The place a phrase such as an issuer names: "UBND tỉnh Thanh Hóa", "Thành ủy Cần Thơ",
    "TP.HCM" → its place; "Bộ Tài chính" → None. The first place named wins."""
    key = " " + re.sub(r"[.,;:()]", " ", match_key(text)) + " "
    key = re.sub(r"\s+", " ", key)
    best: tuple[int, int, str] | None = None
    for place_key, place in _place_keys():
        needle = " " + re.sub(r"[.,;:()]", " ", place_key) + " "
        needle = re.sub(r"\s+", " ", needle)
        at = key.find(needle)
        if at >= 0 and (best is None or (at, -len(needle)) < (best[0], best[1])):
            best = (at, -len(needle), place)
    return best[2] if best else None


def _city_forms(place: Place) -> list[str]:
    """Ways to write the place after a head: "tỉnh Thanh Hóa", "Thanh Hóa"; "TP Cần Thơ"."""
    forms = [place.full, place.name]
    if place.is_city:
        forms.append(f"TP {place.name}")
    forms.extend(place.aliases)
    return forms


def _abbreviated(stem: str) -> list[str]:
    """The stem and its short forms: "Ủy ban nhân dân" → ["Ủy ban nhân dân", "UBND"]."""
    forms = [stem]
    for head, shorts in _HEAD_ABBREVIATIONS:
        if stem == head or stem.startswith(head + " "):
            forms.extend(short + stem[len(head):] for short in shorts)
            break
    return forms


def _entry(name: str, kind: str, place: Place, *, parent: str | None, aliases: list[str],
           succeeded_by: list[str] | None = None, dissolved_on: str | None = None) -> dict[str, Any]:
    seen = {match_key(name)}
    unique = []
    for alias in aliases:
        key = match_key(alias)
        if key not in seen:
            seen.add(key)
            unique.append(alias)
    return {"name": name, "short_name": "", "kind": kind, "parent": parent, "aliases": unique,
            "succeeded_by": succeeded_by or [], "dissolved_on": dissolved_on, "place": place.name}


def _standard_bodies(place: Place) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, kind, parent, aliases) of every standard body of a place."""
    committee = f"Ủy ban nhân dân {place.full}"
    party = place.party_committee
    party_name = f"{party} {place.full if place.full[:1].isupper() else place.name}"
    bodies: list[tuple[str, str, str | None, list[str]]] = [
        (party_name, "party", None,
         [f"{party} {w}" for w in _city_forms(place)]
         + [f"{head} {w}" for head in ("Ban Chấp hành Đảng bộ", "Đảng bộ") for w in _city_forms(place)[:1]]
         + [f"{head} {party} {w}" for head in ("Ban Thường vụ", "Thường trực") for w in _city_forms(place)[1:2]]),
    ]
    for stem, kind, parent in (
        ("Hội đồng nhân dân", "peoples_council", None),
        ("Ủy ban nhân dân", "peoples_committee", None),
        ("Văn phòng Ủy ban nhân dân", "department", committee),
        *((department, "department", committee) for department, _ in DEPARTMENTS),
        ("Thanh tra", "department", committee),
        ("Công an", "local", "Bộ Công an"),
        ("Bộ Chỉ huy Quân sự", "local", "Bộ Quốc phòng"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "mass_org", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ):
        aliases = [f"{form} {w}" for form in _abbreviated(stem) for w in _city_forms(place)]
        if stem == "Ủy ban nhân dân":
            # The province itself stands for its government: "Tỉnh Đắk Lắk", "Đắk Lắk"; but
            # "Hồ Chí Minh" alone is the President ("tư tưởng Hồ Chí Minh", "Học viện Chính
            # trị quốc gia Hồ Chí Minh"), never the city.
            aliases += [place.full[:1].upper() + place.full[1:],
                        *(w for w in _city_forms(place)[1:] if w not in PEOPLE_S_NAMES)]
        bodies.append((f"{stem} {place.full}", kind, parent, aliases))
    return bodies


def national_entries() -> list[dict[str, Any]]:
    """The derived bodies of every place, with succession, in registry-file format."""
    entries: list[dict[str, Any]] = []
    all_places = places()
    for place in all_places.values():
        unit = all_places[place.unit]
        committee = f"Ủy ban nhân dân {place.full}"
        standard = _standard_bodies(place)
        unit_names = [name for name, _, _, _ in _standard_bodies(unit)]
        for index, (name, kind, parent, aliases) in enumerate(standard):
            merged = place is not unit
            entries.append(_entry(name, kind, place, parent=parent, aliases=aliases,
                                  succeeded_by=[unit_names[index]] if merged else None,
                                  dissolved_on=place.dissolved_on))
        if place.dissolved_on and place.dissolved_on < DEPARTMENTS_MERGED_ON:
            continue  # merged before the departments were: its unit's former departments stand for them
        for stem, abbreviations, successors in FORMER_DEPARTMENTS:
            aliases = [f"{form} {w}" for form in (stem, *abbreviations) for w in _city_forms(place)]
            entries.append(_entry(f"{stem} {place.full}", "department", place, parent=committee, aliases=aliases,
                                  succeeded_by=[f"{s} {place.full}" for s in successors],
                                  dissolved_on=DEPARTMENTS_MERGED_ON))
    return entries


def read_registry_file(path: str | Path) -> list[dict[str, Any]]:
    """Entries of a registry file; each gets its place (given, or read off its name)."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for entry in entries:
        if "place" not in entry:
            entry["place"] = place_of_name(entry["name"])
    return entries


def shipped_entries() -> list[dict[str, Any]]:
    """The registry theodoi ships: agencies.json, then the derived national bodies.

    A derived body named like a hand-written entry (or one of its aliases) is that entry and
    is left out; a derived alias some other entry already has is dropped, so every written
    name still means one body."""
    entries = read_registry_file(AGENCIES_FILE)
    taken: dict[str, str] = {}  # key → canonical name
    for entry in entries:
        for written in (entry["name"], *(entry.get("aliases") or ()), entry.get("short_name") or ""):
            if written:
                taken.setdefault(match_key(written), entry["name"])
    derived = national_entries()
    renamed = {e["name"]: taken[match_key(e["name"])] for e in derived if match_key(e["name"]) in taken}
    for entry in derived:
        if entry["name"] in renamed:
            continue
        entry["parent"] = renamed.get(entry["parent"], entry["parent"])
        entry["succeeded_by"] = [renamed.get(n, n) for n in entry["succeeded_by"]]
        aliases = []
        for alias in entry["aliases"]:
            key = match_key(alias)
            if key not in taken:
                taken[key] = entry["name"]
                aliases.append(alias)
        entry["aliases"] = aliases
        taken[match_key(entry["name"])] = entry["name"]
        entries.append(entry)
    return entries


def local_names(name: str, place: str | None) -> list[str]:
    """Short names by which a document of `place` calls its own body `name`.

    "Sở Tài chính tỉnh Thanh Hóa" → "Sở Tài chính tỉnh", "Sở Tài chính";
    "Ủy ban nhân dân thành phố Cần Thơ" → "Ủy ban nhân dân thành phố", "UBND thành phố", "UBND TP";
    "Tỉnh ủy Thanh Hóa" → "Tỉnh ủy", "Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", … .
    A bare "Ủy ban nhân dân" is not among them: alone it names no particular committee.
    """
    found = places().get(place or "")
    if found is None:
        return []
    name = clean_text(name)
    key = match_key(name)
    words = name.split()
    for suffix, with_level in ((found.full, True), (found.name, False)):
        if key.endswith(" " + match_key(suffix)):
            stem = " ".join(words[:len(words) - len(suffix.split())])
            break
    else:
        return []
    forms = _abbreviated(stem)
    names: list[str] = []
    if with_level:
        for form in forms:
            names.append(f"{form} {found.level}")
            if found.is_city:
                names.append(f"{form} TP")
        if stem.startswith(("Sở ", "Văn phòng ")):
            names.extend(forms)
    else:
        names.extend(forms)
        if stem == found.party_committee:
            names += [f"Thường trực {stem}", f"Ban Thường vụ {stem}",
                      f"Ban Chấp hành Đảng bộ {found.level}", f"Đảng bộ {found.level}"]
    return names


def bare_place_word(place: str | None) -> str | None:
    """"Tỉnh" / "Thành phố": how a document of the place names its own government as a
    subject ("Tỉnh chủ động …"). Too common a word to look for in running text, so the
    lexicon resolves it on lookup only."""
    found = places().get(place or "")
    return None if found is None else found.level[:1].upper() + found.level[1:]
