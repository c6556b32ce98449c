"""Writes to the agency registry."""

import json
from pathlib import Path

from django.db import transaction

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.core.exceptions import ApplicationError
from theodoi.lib.text import clean_text, match_key


@transaction.atomic
def registry_load(*, path: Path) -> dict[str, int]:
    """Create or update the registry from a JSON file (see data/agencies.json). Idempotent."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ApplicationError(f"Không đọc được tệp danh mục cơ quan {path}: {exc}") from exc

    created = updated = 0
    agencies: dict[str, Agency] = {}
    for entry in entries:
        name = clean_text(entry["name"])
        agency = Agency.objects.filter(name_key=match_key(name)).first()
        if agency is None:
            # A renamed entry keeps its old name among its aliases: update that agency
            # instead of adding a second one.
            former = [match_key(a) for a in entry.get("aliases") or []]
            agency = Agency.objects.filter(name_key__in=former).first() if former else None
        if agency is None:
            agency = Agency(name=name)
            created += 1
        else:
            updated += 1
        agency.name = name
        agency.short_name = clean_text(entry.get("short_name") or "")
        agency.kind = entry.get("kind") or "other"
        agency.dissolved_on = entry.get("dissolved_on")
        agency.save()
        agencies[match_key(name)] = agency

    def lookup(name: str) -> Agency:
        try:
            return agencies[match_key(name)]
        except KeyError:
            raise ApplicationError(f"Danh mục cơ quan nhắc tới '{name}' nhưng không khai báo cơ quan này.")

    for entry in entries:
        agency = agencies[match_key(entry["name"])]
        parent = lookup(entry["parent"]) if entry.get("parent") else None
        if agency.parent_id != (parent.pk if parent else None):
            agency.parent = parent
            agency.save(update_fields=["parent"])
        agency.succeeded_by.set([lookup(n) for n in entry.get("succeeded_by") or []])
        wanted = {match_key(a): clean_text(a) for a in entry.get("aliases") or []}
        wanted.pop(agency.name_key, None)
        agency.aliases.exclude(alias_key__in=wanted).delete()
        existing = set(agency.aliases.values_list("alias_key", flat=True))
        for key, alias in wanted.items():
            if key in existing:
                continue
            clash = AgencyAlias.objects.filter(alias_key=key).select_related("agency").first()
            if clash or key in agencies:
                owner = clash.agency.name if clash else agencies[key].name
                raise ApplicationError(f"Tên gọi '{alias}' của '{agency.name}' trùng với '{owner}'.")
            AgencyAlias.objects.create(agency=agency, alias=alias)
    return {"created": created, "updated": updated}
