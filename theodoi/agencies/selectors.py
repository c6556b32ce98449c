"""Reading the agency registry: name resolution and succession."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.core.types import AnyUser
from theodoi.extraction.registry import local_names
from theodoi.lib.text import clean_text, match_key

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

