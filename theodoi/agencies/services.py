"""Writes to the agency registry."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history  # type: ignore[import-untyped]

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.core.exceptions import ApplicationError
from theodoi.extraction.registry import match_key, read_registry_file, shipped_entries
from theodoi.lib.text import clean_text

_FIELDS = ("name", "short_name", "kind", "dissolved_on", "place")
_REASON = "Nạp danh mục cơ quan"


@transaction.atomic
def registry_load(*, path: Path | None = None) -> dict[str, int]:
    """Create or update the registry from a JSON file (format of data/agencies.json), or,
    without `path`, from the registry theodoi ships (`extraction.registry.shipped_entries`:
    central bodies and the 34 provincial-level units with their predecessors).

    Idempotent: a second run writes nothing. Bulk reads and writes (a handful of queries
    whatever the registry's size), with a history row for every agency created or changed.
    """
    try:
        entries = shipped_entries() if path is None else read_registry_file(path)
    except (OSError, ValueError) as exc:
        raise ApplicationError(f"Không đọc được tệp danh mục cơ quan {path}: {exc}") from exc

    wanted: dict[str, dict[str, Any]] = {}
    for entry in entries:
        name = clean_text(entry["name"])
        if match_key(name) in wanted:
            raise ApplicationError(f"Danh mục cơ quan khai báo '{name}' hai lần.")
        wanted[match_key(name)] = {
            "name": name,
            "short_name": clean_text(entry.get("short_name") or ""),
            "kind": entry.get("kind") or "other",
            "dissolved_on": dt.date.fromisoformat(entry["dissolved_on"]) if entry.get("dissolved_on") else None,
            "place": entry.get("place") or "",
            "entry": entry,
        }

    existing = {a.name_key: a for a in Agency.objects.all()}
    agencies: dict[str, Agency] = {}
    to_create: list[Agency] = []
    to_update: list[Agency] = []
    for key, values in wanted.items():
        agency = existing.get(key)
        if agency is None:
            # A renamed entry keeps its old name among its aliases: update that agency
            # instead of adding a second one.
            former = (existing.get(match_key(a)) for a in values["entry"].get("aliases") or [])
            agency = next((a for a in former if a is not None and a.name_key not in wanted), None)
        if agency is None:
            agency = Agency(name_key=key, **{f: values[f] for f in _FIELDS})
            to_create.append(agency)
        elif any(getattr(agency, f) != values[f] for f in _FIELDS):
            for f in _FIELDS:
                setattr(agency, f, values[f])
            agency.name_key = key
            to_update.append(agency)
        agencies[key] = agency
    if to_create:
        bulk_create_with_history(to_create, Agency, batch_size=500, default_change_reason=_REASON)
        if any(a.pk is None for a in to_create):  # a backend that returns no keys from a bulk insert
            by_key = dict(Agency.objects.filter(name_key__in=[a.name_key for a in to_create])
                          .values_list("name_key", "pk"))
            for agency in to_create:
                agency.pk = by_key[agency.name_key]
    if to_update:
        bulk_update_with_history(to_update, Agency, fields=[*_FIELDS, "name_key"], batch_size=500,
                                 default_change_reason=_REASON)

    def lookup(name: str) -> Agency:
        try:
            return agencies[match_key(name)]
        except KeyError:
            raise ApplicationError(f"Danh mục cơ quan nhắc tới '{name}' nhưng không khai báo cơ quan này.")

    # Parents.
    moved = []
    for key, values in wanted.items():
        agency = agencies[key]
        parent_name = values["entry"].get("parent")
        parent_id = lookup(parent_name).pk if parent_name else None
        if agency.parent_id != parent_id:
            agency.parent_id = parent_id
            moved.append(agency)
    if moved:
        bulk_update_with_history(moved, Agency, fields=["parent"], batch_size=500, default_change_reason=_REASON)

    ids = [a.pk for a in agencies.values()]
    _load_succession(ids, {(agencies[key].pk, lookup(n).pk)
                           for key, values in wanted.items() for n in values["entry"].get("succeeded_by") or []})
    _load_aliases(agencies, wanted)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": len(agencies) - len(to_create)
            - len(to_update)}


def _load_succession(ids: list[int], pairs: set[tuple[int, int]]) -> None:
    """Succession links from the registry's agencies are exactly `pairs` (from, to)."""
    through = Agency.succeeded_by.through
    have = set()
    for chunk in _chunks(ids):
        have |= set(through.objects.filter(from_agency_id__in=chunk).values_list("from_agency_id", "to_agency_id"))
    for from_id, to_id in have - pairs:
        through.objects.filter(from_agency_id=from_id, to_agency_id=to_id).delete()
    through.objects.bulk_create([through(from_agency_id=f, to_agency_id=t) for f, t in sorted(pairs - have)],
                                batch_size=500)


def _load_aliases(agencies: dict[str, Agency], wanted: dict[str, dict[str, Any]]) -> None:
    """Each registry agency's aliases are exactly the file's; an alias naming another body is refused."""
    want: dict[int, dict[str, str]] = {}
    for key, values in wanted.items():
        agency = agencies[key]
        aliases = {match_key(a): clean_text(a) for a in values["entry"].get("aliases") or []}
        aliases.pop(agency.name_key, None)
        want[agency.pk] = aliases
    owners = dict(AgencyAlias.objects.values_list("alias_key", "agency_id"))
    stale = [k for k, owner in owners.items() if owner in want and k not in want[owner]]
    for chunk in _chunks(stale):
        AgencyAlias.objects.filter(alias_key__in=chunk).delete()
    for key in stale:
        del owners[key]
    names = {a.pk: a.name for a in agencies.values()}
    names.update(Agency.objects.filter(pk__in=set(owners.values()) - set(names)).values_list("pk", "name"))
    new: list[AgencyAlias] = []
    for agency_id, aliases in want.items():
        for key, alias in aliases.items():
            owner = owners.get(key)
            if owner == agency_id:
                continue
            if owner is not None or key in agencies:
                other = names.get(owner) if owner is not None else agencies[key].name
                raise ApplicationError(f"Tên gọi '{alias}' của '{names[agency_id]}' trùng với '{other}'.")
            owners[key] = agency_id
            new.append(AgencyAlias(agency_id=agency_id, alias=alias, alias_key=key))
    AgencyAlias.objects.bulk_create(new, batch_size=500)


def _chunks(values: list, size: int = 500) -> list[list]:
    """Slices small enough for SQLite's limit on query parameters."""
    return [values[i:i + size] for i in range(0, len(values), size)]
