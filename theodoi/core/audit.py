"""Audit trail on top of django-simple-history: who changed what, when, before → after."""

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords

from theodoi.core.types import AnyUser


M = TypeVar("M", bound=models.Model)


class _HistoryManagerBuiltOnce(HistoryManager):
    """simple-history builds its history manager class anew each time `instance.history` is
    read (its descriptor calls `from_queryset`, which walks every member of the queryset
    class); writing one history row per task made that a third of a 1,000-row import.
    The class it builds is always the same, so build it once per queryset class."""

    _built: dict[tuple[type, type, str | None], type] = {}

    @classmethod
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        key = (cls, queryset_class, class_name)
        if key not in cls._built:
            cls._built[key] = super().from_queryset(queryset_class, class_name)
        return cls._built[key]


def audit_trail(**options: Any) -> HistoricalRecords:
    """The history of a model (django-simple-history): every change with who and when."""
    return HistoricalRecords(history_manager=_HistoryManagerBuiltOnce, **options)


def attribute_to(instance: M, actor: AnyUser | None, *, reason: str | None = None) -> M:
    """Record `actor` as the author of the next history row of `instance` (and why, if given)."""
    # django-simple-history reads these two attributes when it writes the history row.
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]
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


_ACTIONS = {"+": gettext_lazy("Tạo mới"), "~": gettext_lazy("Sửa"), "-": gettext_lazy("Xóa")}

# The reasons the services store with a history row are Vietnamese text (the record is kept
# as written); these are the fixed ones, shown in the reader's language. The part after the
# words (a file's name, a period, a reason someone typed) is shown as it was stored. A reason
# someone typed in full is not in this list and is shown as written.
_REASONS: list[tuple[re.Pattern[str], Any]] = [(re.compile(pattern), text) for pattern, text in [
    (r"^Tạo từ tệp (?P<x>.*)$", gettext_lazy("Tạo từ tệp %(x)s")),
    (r"^Bản mới từ tệp (?P<x>.*)$", gettext_lazy("Bản mới từ tệp %(x)s")),
    (r"^Cập nhật theo bản mới \((?P<x>.*)\)$", gettext_lazy("Cập nhật theo bản mới (%(x)s)")),
    (r"^Không còn trong bản mới của văn bản$", gettext_lazy("Không còn trong bản mới của văn bản")),
    (r"^Hoàn thành theo báo cáo (?P<x>.*)$", gettext_lazy("Hoàn thành theo báo cáo %(x)s")),
    (r"^Nhập từ bảng ?(?P<x>.*)$", gettext_lazy("Nhập từ bảng %(x)s")),
    (r"^Nạp danh mục cơ quan$", gettext_lazy("Nạp danh mục cơ quan")),
    (r"^Dữ liệu minh họa$", gettext_lazy("Dữ liệu minh họa")),
    (r"^Gửi$", pgettext_lazy("history reason", "Gửi")),
    (r"^Lưu nháp$", pgettext_lazy("history reason", "Lưu nháp")),
    (r"^Duyệt$", pgettext_lazy("history reason", "Duyệt")),
    (r"^Trả lại: (?P<x>.*)$", gettext_lazy("Trả lại: %(x)s")),
    (r"^Mở lại: (?P<x>.*)$", gettext_lazy("Mở lại: %(x)s")),
]]


def reason_for_reader(stored: str) -> str:
    """A stored history reason in the active language (see `_REASONS`)."""
    for pattern, text in _REASONS:
        found = pattern.match(stored)
        if found:
            return str(text) % found.groupdict() if found.groupdict() else str(text)
    return stored


def _display(model, field_name: str, value: Any, related: dict) -> Any:
    model_field = model._meta.get_field(field_name)
    if value is not None and model_field.is_relation and model_field.many_to_one:
        found = related.get((model_field.related_model, value))
        return str(found) if found is not None else f"#{value}"
    if getattr(model_field, "choices", None):
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.BooleanField) and value is not None:
        # Not Python's True/False on a page the office reads ("công khai: — → True"), and
        # False, which the templates' `default:"—"` would show as no value at all.
        return gettext("có") if value else gettext("không")
    return value


def history_entries(history_qs, *, label: str = "") -> list[HistoryEntry]:
    """Entries newest first, each with its field-level before/after values."""
    records = list(history_qs.select_related("history_user").order_by("history_date", "history_id"))
    entries: list[HistoryEntry] = []
    changes: list[tuple[HistoryEntry, Any, list]] = []
    previous_by_object: dict[Any, Any] = {}
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=_ACTIONS.get(record.history_type, record.history_type),
            object_label=label or str(record.instance_type._meta.verbose_name),
            reason=reason_for_reader(record.history_change_reason or ""),
        )
        previous = previous_by_object.get(record.id)
        if previous is not None and record.history_type == "~":
            changes.append((entry, record.instance_type, record.diff_against(previous).changes))
        previous_by_object[record.id] = record
        entries.append(entry)

    # Names of related objects (lead agency, reviewer …) in one query per model.
    wanted: dict[Any, set] = {}
    for _, model, field_changes in changes:
        for change in field_changes:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation and model_field.many_to_one:
                wanted.setdefault(model_field.related_model, set()).update(
                    v for v in (change.old, change.new) if v is not None)
    related = {(m, obj.pk): obj for m, pks in wanted.items() for obj in m._default_manager.filter(pk__in=pks)}
    for entry, model, field_changes in changes:
        for change in field_changes:
            verbose = model._meta.get_field(change.field).verbose_name
            entry.changes.append(FieldChange(
                str(verbose),
                _display(model, change.field, change.old, related),
                _display(model, change.field, change.new, related),
            ))
    entries.reverse()
    return entries
