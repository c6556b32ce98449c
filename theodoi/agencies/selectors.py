"""Reading the agency registry: name resolution and succession."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from theodoi.agencies.models import Agency, AgencyAlias, Membership
from theodoi.core.search import search_words
from theodoi.core.types import AnyUser
from theodoi.extraction.registry import local_names
from theodoi.lib.text import clean_text, match_key, search_key

# Cells list agencies with ";", new lines or commas, but names contain commas too
# ("Bộ Văn hóa, Thể thao và Du lịch", "Các bộ, ngành"): pieces are rejoined greedily.
_HARD_SEPARATORS = re.compile(r"[;\n]+")
_SOFT_SEPARATOR = re.compile(r",")
_AND = re.compile(r"\s+(?:và|với)\s+")


@dataclass
class ResolvedAgencies:
    agencies: list[Agency] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


class AgencyResolver:
    """Resolves written names to registry agencies with one query for all names.

    Build one per import or request; it does not see agencies added after it loads.
    With `place` (a province-level unit, `Agency.place`), the short names a document of that
    place uses ("Sở Tài chính", "UBND tỉnh", "Tỉnh ủy") mean that place's bodies first.
    """

    def __init__(self, *, place: str | None = None) -> None:
        by_id = {a.pk: a for a in Agency.objects.all()}
        self._by_key: dict[str, Agency] = {a.name_key: a for a in by_id.values()}
        for agency_id, key in AgencyAlias.objects.values_list("agency_id", "alias_key"):
            self._by_key.setdefault(key, by_id[agency_id])
        for agency in by_id.values():
            if agency.short_name:
                self._by_key.setdefault(match_key(agency.short_name), agency)
        self._local: dict[str, Agency] = {}
        # Today's bodies first: "Sở Tài chính" is the department, not the one it replaced.
        for agency in sorted((a for a in by_id.values() if place and a.place == place),
                             key=lambda a: a.dissolved_on is not None):
            for written in local_names(agency.name, place):
                self._local.setdefault(match_key(written), agency)

    def resolve(self, name: str) -> Agency | None:
        key = match_key(name)
        if not key:
            return None
        for candidate in (key, key.split(" ", 1)[1] if key.startswith(("các ", "những ")) else ""):
            found = self._local.get(candidate) or self._by_key.get(candidate) if candidate else None
            if found is not None:
                return found
        return None

    def resolve_many(self, cell: str | None) -> ResolvedAgencies:
        """Split a cell such as "Bộ Xây dựng, Bộ Văn hóa, Thể thao và Du lịch; UBND TP Hải Phòng"."""
        result = ResolvedAgencies()
        for chunk in _HARD_SEPARATORS.split(clean_text(cell) if cell else ""):
            pieces = [p.strip() for p in _SOFT_SEPARATOR.split(chunk) if p.strip()]
            i = 0
            while i < len(pieces):
                for j in range(len(pieces), i, -1):
                    agencies = self._resolve_piece(", ".join(pieces[i:j]))
                    if agencies:
                        for agency in agencies:
                            if agency not in result.agencies:
                                result.agencies.append(agency)
                        i = j
                        break
                else:
                    result.unknown.append(pieces[i])
                    i += 1
        return result

    def _resolve_piece(self, text: str) -> list[Agency]:
        found = self.resolve(text)
        if found is not None:
            return [found]
        # "Bộ Tài chính và Bộ Xây dựng": split on "và" only when every part is known.
        parts = _AND.split(text)
        if len(parts) > 1:
            resolved = [self.resolve(p) for p in parts]
            if all(resolved):
                return resolved  # type: ignore[return-value]
        return []


def resolve_agency(name: str) -> Agency | None:
    return AgencyResolver().resolve(name)


def current_successors(agency: Agency) -> list[Agency]:
    """Today's bodies for a possibly dissolved agency, following succession transitively."""
    seen: set[int] = set()
    frontier = [agency]
    result: list[Agency] = []
    while frontier:
        current = frontier.pop(0)
        if current.pk in seen:
            continue
        seen.add(current.pk)
        successors = list(current.succeeded_by.all())
        if current.dissolved_on is None or not successors:
            result.append(current)
        else:
            frontier.extend(successors)
    return result


def successors_for_request(request: HttpRequest | None) -> dict[int, list[Agency]]:
    """`successors_today`, read once per request however many rows and counts show it."""
    cached = getattr(request, "_theodoi_successors", None)
    if cached is None:
        cached = successors_today()
        if request is not None:
            setattr(request, "_theodoi_successors", cached)  # a per-request cache
    return cached


def successors_today() -> dict[int, list[Agency]]:
    """Every dissolved agency's id → the bodies that answer for it today (following chains of
    mergers, as `current_successors` does), in two queries for the whole registry.

    Screens use it to write "Bộ Kế hoạch và Đầu tư → Bộ Tài chính" wherever tasks are
    counted or listed, and to group counts by today's agency."""
    through = Agency.succeeded_by.through
    edges: dict[int, list[int]] = {}
    for from_id, to_id in through.objects.filter(from_agency__dissolved_on__isnull=False).values_list(
            "from_agency_id", "to_agency_id").order_by("from_agency_id", "to_agency__name"):
        edges.setdefault(from_id, []).append(to_id)
    if not edges:
        return {}
    resolved: dict[int, list[int]] = {}
    for start in edges:
        seen: set[int] = set()
        frontier, result = [start], []
        while frontier:
            current = frontier.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if current in edges:
                frontier.extend(edges[current])
            elif current not in result:
                result.append(current)
        resolved[start] = result
    wanted = {pk for ids in resolved.values() for pk in ids}
    agencies = Agency.objects.in_bulk(wanted)
    return {pk: [agencies[i] for i in ids if i in agencies] for pk, ids in resolved.items()}


def agency_ids_acting_for(agency_id: int) -> set[int]:
    """The agency and every body it succeeded, directly or through a chain of mergers."""
    result = {agency_id}
    frontier = {agency_id}
    through = Agency.succeeded_by.through
    while frontier:
        predecessors = set(
            through.objects.filter(to_agency_id__in=frontier).values_list("from_agency_id", flat=True)
        )
        frontier = predecessors - result
        result |= predecessors
    return result


def user_agency(user: AnyUser | None) -> Agency | None:
    """The agency the staff user works for (their membership), or None."""
    if user is None or not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    return membership.agency if membership else None


def membership_with_agency(user: AnyUser | None) -> Membership | None:
    """The staff user's membership with its agency, read in one query (not one for each), and
    kept on the user for the request so that `user.membership` does not read it again."""
    if user is None or not user.is_authenticated:
        return None
    relation = Membership._meta.get_field("user").remote_field  # user.membership's side
    if not relation.is_cached(user):
        relation.set_cached_value(user, Membership.objects.select_related("agency").filter(user=user).first())
    return getattr(user, "membership", None)


def user_agency_ids(user: AnyUser | None) -> frozenset[int]:
    """The user's agency and the bodies it succeeded: whose tasks the user acts on.

    Cached on the user object, which lives for one request."""
    cached = getattr(user, "_theodoi_agency_ids", None)
    if cached is None:
        membership = getattr(user, "membership", None) if user is not None and user.is_authenticated else None
        cached = frozenset(agency_ids_acting_for(membership.agency_id)) if membership else frozenset()
        if user is not None:
            setattr(user, "_theodoi_agency_ids", cached)  # a per-request cache, not a field of the user
    return cached


def agency_list(*, kinds: Iterable[str] | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("parent").order_by("name")
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    return qs



# --- the agency picker: finding a body among the national registry -----------------------

# Results a picker shows for one search: enough to see the body wanted among the 34
# provinces' namesakes (the home place's come first), few enough to read on a phone.
PICKER_RESULTS = 12
# A search term is cut to these bounds (as core.search bounds the task list's).
MAX_TERM_CHARS = 200
MAX_TERM_WORDS = 12


@dataclass(frozen=True)
class _PickerEntry:
    pk: int
    name: str
    place: str
    dissolved: bool
    keys: tuple[str, ...]  # search keys of the name, the short name and every alias


def registry_version() -> tuple:
    """A value that changes whenever the registry's bodies or aliases do, read in one small
    query instead of every row: the bodies' count and their newest history row (every save,
    bulk write of `registry_load` and deletion writes one; the admin saves the body when its
    aliases are edited), and the aliases' count, newest id and total length (`registry_load`
    adds and removes aliases without touching their body). A write that bypasses both (a raw
    UPDATE of a name) is not seen until the next such change."""
    history = Agency.history.model._meta.db_table
    agencies, aliases = Agency._meta.db_table, AgencyAlias._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT (SELECT COUNT(*) FROM "{agencies}"), (SELECT MAX(history_id) FROM "{history}"), '
            f'(SELECT MAX(history_date) FROM "{history}"), (SELECT COUNT(*) FROM "{aliases}"), '
            f'(SELECT MAX(id) FROM "{aliases}"), (SELECT SUM(LENGTH(alias)) FROM "{aliases}")')
        return tuple(cursor.fetchone())


# The index of the whole registry (~1,600 bodies, ~6,000 aliases): building the keys takes
# about a tenth of a second, reading the rows a few milliseconds more. The last one built is
# reused while `registry_version` is unchanged.
_picker_index: tuple[tuple, list[_PickerEntry]] | None = None


def _index() -> list[_PickerEntry]:
    global _picker_index
    version = registry_version()
    if _picker_index is not None and _picker_index[0] == version:
        return _picker_index[1]
    rows = list(Agency.objects.order_by("pk").values_list("pk", "name", "short_name", "place", "dissolved_on"))
    alias_rows = list(AgencyAlias.objects.order_by("pk").values_list("agency_id", "alias"))
    aliases: dict[int, list[str]] = {}
    for agency_id, alias in alias_rows:
        aliases.setdefault(agency_id, []).append(alias)
    entries = []
    for pk, name, short_name, place, dissolved_on in rows:
        keys = dict.fromkeys(k for k in (search_key(t) for t in (name, short_name, *aliases.get(pk, ()))) if k)
        entries.append(_PickerEntry(pk, name, place, dissolved_on is not None, tuple(keys)))
    _picker_index = (version, entries)
    return entries


def _match_rank(keys: tuple[str, ...], term: str, words: list[str]) -> int | None:
    """0: a name is the term; 1: a name starts with it; 2: a name holds it from a word's
    start ("ha noi" in "công an thành phố hà nội"); 3: every word typed starts a word of one
    name ("bo tai" finds "bộ tài chính"); None otherwise: "hai" inside "thái" is noise."""
    best = None
    for key in keys:
        if key == term:
            return 0
        padded = f" {key}"
        if key.startswith(term):
            rank = 1
        elif f" {term}" in padded:
            rank = 2
        elif all(f" {word}" in padded for word in words):
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


@dataclass(frozen=True)
class AgencyMatch:
    agency: Agency
    # The dissolved body whose name was typed, when `agency` is the body answering for it today.
    instead_of: str = ""


@dataclass
class AgencySearch:
    matches: list[AgencyMatch]
    more: bool  # more bodies match than are shown: the user should type more


def agency_search(*, term: str, home_place: str = "", limit: int = PICKER_RESULTS) -> AgencySearch:
    """Bodies a user can pick today whose name, short name or alias holds every word typed,
    accent-insensitively ("so tai chinh hai phong", "BTC", "kh&dt").

    A dissolved body's name finds the bodies that took it over ("Bộ Kế hoạch và Đầu tư" →
    Bộ Tài chính, "thay cho Bộ Kế hoạch và Đầu tư"): a task or petition goes to a body that
    still exists. Best first: the name as typed, then the home place's bodies, then central
    ones, then alphabetical."""
    words = search_words(term[:MAX_TERM_CHARS])[:MAX_TERM_WORDS]
    if not words:
        return AgencySearch([], False)
    key = " ".join(words)
    successors: dict[int, list[Agency]] | None = None
    found: dict[int, tuple[tuple, str]] = {}  # pk → (sort key, instead_of)
    for entry in _index():
        rank = _match_rank(entry.keys, key, words)
        if rank is None:
            continue
        if entry.dissolved:
            if successors is None:
                successors = successors_today()
            targets = [(a.pk, a.name, a.place) for a in successors.get(entry.pk, [])]
            instead_of = entry.name
        else:
            targets = [(entry.pk, entry.name, entry.place)]
            instead_of = ""
        for pk, name, place in targets:
            place_rank = 0 if home_place and place == home_place else 1 if not place else 2
            sort = (rank, place_rank, bool(instead_of), name)
            if pk not in found or sort < found[pk][0]:
                found[pk] = (sort, instead_of)
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    shown = ordered[:limit]
    agencies = Agency.objects.in_bulk([pk for pk, _ in shown])
    return AgencySearch([AgencyMatch(agencies[pk], instead_of) for pk, (_, instead_of) in shown if pk in agencies],
                        len(ordered) > limit)



def agency_shortlist(*, home_place: str = "", involved: QuerySet | None = None,
                     selected: Iterable[int] = ()) -> list[Agency]:
    """The bodies a picker offers without scripts (a plain select): today's bodies of the
    home place, the central ones, those `involved` already (e.g. with tasks), and the
    values already chosen whatever they are. A hundred-odd entries, not the ~1,600 of the
    national registry."""
    today = Q(dissolved_on__isnull=True) & (Q(place="") | (Q(place=home_place) if home_place else Q(pk__in=[])))
    if involved is not None:
        today |= Q(dissolved_on__isnull=True, pk__in=involved)
    return list(Agency.objects.filter(today | Q(pk__in=list(selected))).order_by("name"))
