"""Rewritten copies of a labelled document, to measure what the dev scores cannot.

The ten development texts name a handful of places (Hải Phòng, Cần Thơ, Bắc Ninh, …) and
the rules were written while reading them, so their scores say little about a plan of Lạng
Sơn or a telegram to Cà Mau. A variant rewrites one text and its gold labels the same way
(a consistent relabelling: what was right stays right), so that the extractor is scored on
names and layouts it was not tuned on (eight kinds, `all_variants`):

- `place_variants`: every province-level place the text names swapped for another of the
  same kind from the 2025 registry (a city for a city, a province for a province, a
  province merged in 2025 for another such), in several rounds so that no one name decides;
- `former_place_variants`: a province's text as if written before 01/07/2025 by a
  province that was then merged (its bodies are dissolved ones in the registry);
- `level_variants`: a province's text as a centrally-run city's ("tỉnh" → "thành phố",
  "Tỉnh ủy" → "Thành ủy"), and the other way round;
- `body_variants` (`bodies`): ministries and departments relabelled among the 2025 fields
  ("Sở Tài chính" → "Sở Y tế", elided lists included);
- `other_body_variants` (`others`): departments and ministries replaced by other bodies the
  lexicon lists (a province's Party boards and mass organisations, central unions and state
  groups);
- `other_body_variants(unlisted=True)` (`unlisted`): the same with bodies kept out of every
  list (`UNLISTED_LOCAL_BODIES`, `UNLISTED_CENTRAL_BODIES`). Since the fixes of 03/12/2026
  were written from this kind's misses, its figure is in-sample to those names too;
- `other_body_variants(held_back=True)` (`heldback`): the same with bodies held back from
  every fix (`HELD_BACK_LOCAL_BODIES`, `HELD_BACK_CENTRAL_BODIES`: names ending in the
  place's name, names with commas inside);
- `bullet_variants`: "-" and "+" bullets written "•" and "◦", numbered items "1)".

Plain Python; the gold format is shared/gold/README.md.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from theodoi.extraction.registry import Place, places

# "Hồ Chí Minh" is mostly the President's name ("tư tưởng Hồ Chí Minh"), not the city: it is
# never rewritten, only written in.
_NOT_REWRITTEN = {"Hồ Chí Minh"}


@dataclass(frozen=True)
class Variant:
    name: str  # "places-1: Cần Thơ→Đà Nẵng"
    text: str
    gold: dict


Rewrite = Callable[[str], str]


def rewrite_gold(gold: dict, rewrite: Rewrite) -> dict:
    """The gold with `rewrite` applied to every string a prediction is compared with:
    anchors and agency aliases (and the issuer)."""
    result = copy.deepcopy(gold)
    for task in result["tasks"]:
        task["anchor"] = rewrite(task["anchor"])
        for key in ("lead", "coordinating"):
            if task.get(key) is not None:
                task[key] = [[rewrite(alias) for alias in aliases] for aliases in task[key]]
    document = result.get("document") or {}
    if document.get("issuer"):
        document["issuer"] = [rewrite(v) for v in document["issuer"]]
    return result


def _replacer(mapping: dict[str, str]) -> Rewrite:
    """Replace whole words, all at once (a swap A↔B works), whatever their case ("Hải phòng"
    is written too); a name in capitals is written in capitals."""
    table = {old.casefold(): new for old, new in mapping.items()}
    if not table:
        return lambda text: text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        written, new = match.group(1), table[match.group(1).casefold()]
        return new.upper() if written.isupper() and len(written) > 1 else new

    return lambda text: pattern.sub(replace, text)


def places_named(text: str) -> list[Place]:
    """The registry's places a text names, longest name first ("Thừa Thiên Huế" not "Huế")."""
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for place in sorted(places().values(), key=lambda p: -len(p.name)):
        if place.name in _NOT_REWRITTEN:
            continue
        for form in (place.name,):
            for match in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.IGNORECASE):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                if place not in found:
                    found.append(place)
    return found


def _kind(place: Place) -> str:
    if place.dissolved_on:
        return "former"
    return "city" if place.is_city else "province"


def _pool(kind: str, exclude: set[str]) -> list[str]:
    """Places of a kind to write in, in registry order, skipping names that contain or are
    contained in a name already in the text ("Hà Nam" and "Quảng Nam" would collide)."""
    result = []
    for place in places().values():
        if _kind(place) != kind or place.name in exclude:
            continue
        if any(place.name in other or other in place.name for other in exclude):
            continue
        if place.name == "Thừa Thiên Huế":
            continue  # dissolved before the departments merged: a different registry shape
        result.append(place.name)
    return result


def place_variants(text: str, gold: dict, *, rounds: int = 3) -> list[Variant]:
    """The document with its places swapped, `rounds` times, each time for other places."""
    named = places_named(text)
    if not named:
        return []
    present = {p.name for p in named}
    variants = []
    # Each document starts somewhere else in the pool, so that the ten together use most of it.
    seed = sum(map(ord, str(gold.get("file", ""))))
    for round_ in range(rounds):
        mapping: dict[str, str] = {}
        used: set[str] = set()
        for index, place in enumerate(named):
            pool = [p for p in _pool(_kind(place), present) if p not in used]
            if not pool:
                continue
            # Spread the rounds over the pool: round r starts r/rounds of the way along it.
            target = pool[(seed + round_ * len(pool) // rounds + index * 5) % len(pool)]
            mapping[place.name] = target
            used.add(target)
        rewrite = _replacer(mapping)
        label = ", ".join(f"{a}→{b}" for a, b in mapping.items())
        variants.append(Variant(f"places-{round_ + 1}: {label}", rewrite(text), rewrite_gold(gold, rewrite)))
    return variants


def _own_place(text: str) -> Place | None:
    """The place a text names most (its own, for a local document)."""
    named = places_named(text)
    counts = {p.name: len(re.findall(r"(?<!\w)" + re.escape(p.name) + r"(?!\w)", text, re.IGNORECASE))
              for p in named}
    best = max(named, key=lambda p: counts[p.name], default=None)
    return best


def former_place_variants(text: str, gold: dict) -> list[Variant]:
    """A province's document as if from a province merged on 01/07/2025 (same level)."""
    own = _own_place(text)
    if own is None or own.is_city or own.dissolved_on:
        return []
    present = {p.name for p in places_named(text)}
    pool = _pool("former", present)
    pool = [name for name in pool if not places()[name].is_city]
    if not pool:
        return []
    target = pool[sum(map(ord, str(gold.get("file", "")))) % len(pool)]
    rewrite = _replacer({own.name: target})
    return [Variant(f"former: {own.name}→{target}", rewrite(text), rewrite_gold(gold, rewrite))]


# A province's words and a city's, as a whole word: "tỉnh Bắc Ninh", "UBND tỉnh", "Tỉnh ủy".
_PROVINCE_TO_CITY = (("Tỉnh ủy", "Thành ủy"), ("Tỉnh", "Thành phố"), ("tỉnh", "thành phố"))


def _level_rewrite(pairs: Iterable[tuple[str, str]], place_mapping: dict[str, str]) -> Rewrite:
    table = dict(pairs)
    table.update({k.upper(): v.upper() for k, v in list(table.items())})
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
                         + r")(?!\w)")
    places_rewrite = _replacer(place_mapping)
    return lambda text: pattern.sub(lambda m: table[m.group(1)], places_rewrite(text))


def level_variants(text: str, gold: dict) -> list[Variant]:
    """A local document of a province rewritten as a city's, or of a city as a province's.
    Only for documents of one place (a national text names provinces and cities together)."""
    named = [p for p in places_named(text) if not p.dissolved_on]
    if len(named) != 1 or len(re.findall(r"(?<!\w)" + re.escape(named[0].name) + r"(?!\w)", text, re.IGNORECASE)) < 2:
        return []  # a dateline ("Hà Nội, ngày …") does not make a document local
    own = named[0]
    if own.is_city:
        pairs = tuple((city, province) for province, city in _PROVINCE_TO_CITY) + (("TP.", "tỉnh"), ("TP", "tỉnh"))
        pool = _pool("province", {own.name})
    else:
        pairs = _PROVINCE_TO_CITY
        pool = _pool("city", {own.name})
    if not pool:
        return []
    target = pool[sum(map(ord, str(gold.get("file", "")))) % len(pool)]
    rewrite = _level_rewrite(pairs, {own.name: target})
    return [Variant(f"level: {own.level} {own.name}→{target}", rewrite(text), rewrite_gold(gold, rewrite))]


_BULLETS = {"-": "•", "+": "◦"}


def bullet_variants(text: str, gold: dict) -> list[Variant]:
    """"-"/"+" bullets as "•"/"◦", and "1." items as "1)"."""
    def rewrite(source: str) -> str:
        source = re.sub(r"(?m)^(\s*)([-+])(?=\s)", lambda m: m.group(1) + _BULLETS[m.group(2)], source)
        return re.sub(r"(?m)^(\s*\d{1,2})\.(?=\s)", r"\1)", source)

    changed = rewrite(text)
    if changed == text:
        return []
    # Anchors are words inside a clause: the markers are not in them.
    return [Variant("bullets", changed, copy.deepcopy(gold))]


# What follows "Bộ"/"Sở" in the name of a ministry and of a province's department of the
# same field (2025), plus one that only some provinces have.
BODY_STEMS = ("Nội vụ", "Tài chính", "Tư pháp", "Công Thương", "Xây dựng", "Nông nghiệp và Môi trường",
              "Khoa học và Công nghệ", "Văn hóa, Thể thao và Du lịch", "Giáo dục và Đào tạo", "Y tế",
              "Dân tộc và Tôn giáo")
_HEADS = ("Bộ", "Sở", "BỘ", "SỞ")


def _stem_rewrite(mapping: dict[str, str]) -> Rewrite:
    """Replace a stem where it names a ministry or department: after "Bộ"/"Sở" ("Bộ: " in a
    list), or after ", "/"và " in a list that a "Bộ"/"Sở" opened ("các Bộ: Quốc phòng, Tài
    chính và Y tế"); never a capitalised verb ("Xây dựng kế hoạch …")."""
    variants = {}
    for old, new in mapping.items():
        variants[old] = new
        variants[old.replace("hóa", "hoá")] = new
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(variants, key=len, reverse=True))
                         + r")(?!\w)")

    def replace(match: re.Match[str], text: str) -> str:
        before = text[max(0, match.start() - 120):match.start()]
        if re.search(r"(?:^|\s)(?:Bộ|Sở|BỘ|SỞ):?\s$", before):
            return variants[match.group(1)]
        line = before.rsplit("\n", 1)[-1]
        if re.search(r"(?:,|\bvà)\s$", before) and re.search(r"\b(?:Bộ|Sở)\b[^.;\n]*$", line):
            return variants[match.group(1)]
        return match.group(1)

    return lambda text: pattern.sub(lambda m: replace(m, text), text)


def body_variants(text: str, gold: dict, *, rounds: int = 2) -> list[Variant]:
    """Ministries and departments relabelled: each field named in the text swapped for
    another (a rotation of `BODY_STEMS`), in text and gold alike."""
    present = [stem for stem in BODY_STEMS
               if re.search(r"(?<!\w)" + re.escape(stem) + r"(?!\w)", text.replace("hoá", "hóa"))]
    if not present:
        return []
    variants = []
    for round_ in range(1, rounds + 1):
        shift = round_ * 4
        mapping = {stem: BODY_STEMS[(BODY_STEMS.index(stem) + shift) % len(BODY_STEMS)] for stem in BODY_STEMS}
        rewrite = _stem_rewrite(mapping)
        variants.append(Variant(f"bodies-{round_}: +{shift}", rewrite(text), rewrite_gold(gold, rewrite)))
    return variants


# Bodies outside the ten texts, written as documents write them: a province's ("tỉnh"
# becomes "thành phố" in a city's text) and central ones. The first two lists name bodies
# the lexicon knows (registry entries, or `registry.LOCAL_BODY_FORMS`); the last two are
# kept out of every list on purpose, to measure how names nobody listed are read.
LOCAL_BODIES = ("Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh",
                "Ban Quản lý các khu công nghiệp tỉnh", "Bảo hiểm xã hội tỉnh", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "Ủy ban Kiểm tra Tỉnh ủy", "Tỉnh đoàn", "Hội Cựu chiến binh tỉnh", "Sở Ngoại vụ")
CENTRAL_BODIES = ("Tổng Liên đoàn Lao động Việt Nam", "Bảo hiểm xã hội Việt Nam", "Tập đoàn Điện lực Việt Nam",
                  "Hội Liên hiệp Phụ nữ Việt Nam", "Ngân hàng Chính sách xã hội",
                  "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Nông dân Việt Nam",
                  "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", "Kiểm toán nhà nước",
                  "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")
UNLISTED_LOCAL_BODIES = ("Đài Phát thanh và Truyền hình tỉnh", "Trường Chính trị tỉnh",
                         "Trung tâm Phục vụ hành chính công tỉnh", "Quỹ Đầu tư phát triển tỉnh")
# Held back (03/12/2026): written after the fixes for names nobody listed and never used to
# write or change a rule; names ending in the place's name ("{place}") and names with commas
# inside, the two shapes those fixes were about. Its figure is reported once, in README.
HELD_BACK_LOCAL_BODIES = ("Hội Văn học, Nghệ thuật tỉnh", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
                          "Bệnh viện Phụ sản {place}", "Công ty Cổ phần Môi trường Đô thị {place}")
HELD_BACK_CENTRAL_BODIES = ("Liên hiệp các Hội Văn học, Nghệ thuật Việt Nam", "Quỹ Bảo vệ, Phát triển rừng Việt Nam",
                            "Tổng công ty Bưu điện Việt Nam", "Hội Khuyến học, Khuyến tài Việt Nam")
UNLISTED_CENTRAL_BODIES = ("Tổng công ty Đường sắt Việt Nam", "Học viện Chính trị quốc gia Hồ Chí Minh",
                           "Tổng công ty Cảng hàng không Việt Nam", "Tập đoàn Hóa chất Việt Nam")


def _city_form(name: str) -> str:
    return name.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn").replace(" tỉnh", " thành phố")


def other_body_variants(text: str, gold: dict, *, rounds: int = 2, unlisted: bool = False,
                        held_back: bool = False) -> list[Variant]:
    """Departments ("Sở X") and ministries ("Bộ X") the text names replaced by other kinds of
    body: a local document's by a province's mass organisations, Party committees' boards,
    broadcaster, …; a national one's by central bodies (state groups, unions, funds). Only
    fields the text always names in full are replaced (an elided "các Bộ: Quốc phòng, Tài
    chính" could not be rewritten consistently)."""
    normalised = text.replace("hoá", "hóa")
    own = _own_place(text)
    central = len(re.findall(r"(?<!\w)Bộ (?=\w)", text)) > len(re.findall(r"(?<!\w)Sở (?=\w)", text))
    head = "Bộ" if central else "Sở"
    if held_back:
        pool = [name.format(place=own.name) if own is not None else name
                for name in (HELD_BACK_CENTRAL_BODIES if central else HELD_BACK_LOCAL_BODIES)]
        pool = [name for name in pool if "{place}" not in name]
    elif unlisted:
        pool = list(UNLISTED_CENTRAL_BODIES if central else UNLISTED_LOCAL_BODIES)
    else:
        pool = list(CENTRAL_BODIES if central else LOCAL_BODIES)
    if not central and own is not None and own.is_city:
        pool = [_city_form(name) for name in pool]
    pool = [name for name in pool if name.casefold() not in text.casefold()]
    safe = []
    for stem in BODY_STEMS:
        named = len(re.findall(r"(?<!\w)" + re.escape(stem) + r"(?!\w)", normalised))
        in_full = len(re.findall(r"(?<!\w)" + head + " " + re.escape(stem) + r"(?!\w)", normalised))
        if named and named == in_full:
            safe.append(stem)
    if not safe or not pool:
        return []
    variants = []
    for round_ in range(rounds):
        mapping = {}
        for index, stem in enumerate(safe):
            target = pool[(round_ * len(safe) + index) % len(pool)]
            for spelling in {stem, stem.replace("hóa", "hoá")}:
                mapping[f"{head} {spelling}"] = target
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
                             + r")(?!\w)")

        def rewrite(source: str, pattern: re.Pattern[str] = pattern, mapping: dict[str, str] = mapping) -> str:
            return pattern.sub(lambda m: mapping[m.group(1)], source)

        label = ", ".join(f"{a}→{b}" for a, b in list(mapping.items())[:3])
        kind = "heldback" if held_back else "unlisted" if unlisted else "others"
        variants.append(Variant(f"{kind}-{round_ + 1}: {label}", rewrite(text), rewrite_gold(gold, rewrite)))
    return variants


def all_variants(text: str, gold: dict) -> list[Variant]:
    return (place_variants(text, gold) + former_place_variants(text, gold) + level_variants(text, gold)
            + body_variants(text, gold) + other_body_variants(text, gold)
            + other_body_variants(text, gold, unlisted=True) + other_body_variants(text, gold, held_back=True)
            + bullet_variants(text, gold))
