"""Audit trail on top of django-simple-history: who changed what, when, before → after."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models


def attribute_to(instance: models.Model, actor) -> models.Model:
    """Record `actor` as the author of the next history row of `instance`."""
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None
    return instance


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    action: str
    object_label: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)


_ACTIONS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


def _display(record, field_name: str, value: Any) -> Any:
    model_field = record.instance_type._meta.get_field(field_name)
    if value is not None and model_field.is_relation and model_field.many_to_one:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if getattr(model_field, "choices", None):
        return dict(model_field.flatchoices).get(value, value)
    return value


def history_entries(history_qs, *, label: str = "") -> list[HistoryEntry]:
    """Entries newest first, each with its field-level before/after values."""
    records = list(history_qs.select_related("history_user").order_by("history_date", "history_id"))
    entries: list[HistoryEntry] = []
    previous_by_object: dict[Any, Any] = {}
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=_ACTIONS.get(record.history_type, record.history_type),
            object_label=label or str(record.instance_type._meta.verbose_name),
            reason=record.history_change_reason or "",
        )
        previous = previous_by_object.get(record.id)
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                verbose = record.instance_type._meta.get_field(change.field).verbose_name
                entry.changes.append(FieldChange(
                    str(verbose),
                    _display(record, change.field, change.old),
                    _display(record, change.field, change.new),
                ))
        previous_by_object[record.id] = record
        entries.append(entry)
    entries.reverse()
    return entries
