"""Task-table import: rows laid out like a Government action-programme appendix → tasks.

STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành, in any
order and with the usual spelling variants. Group rows ("I. NHIỆM VỤ VỀ …") set the domain
and prefix the STT of the rows under them. All-or-nothing: any problem and nothing is
written; every problem is listed with its row number.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import AgencyResolver
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.lib.text import clean_text, find_quote, search_key
from theodoi.documents.models import Document
from theodoi.extraction.deadlines import needs_reference, parse_deadline
from theodoi.extraction.domains import DOMAINS, guess_domain
from theodoi.extraction.tables import ROMAN_GROUP, header_mapping, is_group_row
from theodoi.tasks.models import Domain, Task
from theodoi.tasks.status import settling_together

REQUIRED = ("title", "lead")
# The column headings a table must carry: they name columns of the file, so they stay in
# Vietnamese whatever the interface language.
COLUMN_LABELS = {
    "stt": "STT", "title": "Nhiệm vụ", "lead": "Cơ quan chủ trì", "coordinating": "Cơ quan phối hợp",
    "output": "Sản phẩm", "deadline": "Thời gian hoàn thành", "level": "Cấp trình",
    "domain": "Lĩnh vực", "quote": "Trích dẫn",
}


@cache
def _domain_by_label() -> dict[str, str]:
    """Domain labels as tables write them: in the source language (Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {search_key(str(label)): code for code, label in Domain.choices}


@dataclass
class RowProblem:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class TaskRow:
    row: int
    key: str
    title: str
    lead: Agency
    co_leads: list[Agency]
    coordinating: list[Agency]
    output: str
    deadline_text: str
    due_on: dt.date | None
    recurrence: str
    domain: str
    span: tuple[int, int] | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)


class ImportRejected(ApplicationError):
    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__(
            ngettext(
                "Không nhập được: %(count)d lỗi. Chưa có nhiệm vụ nào được ghi; "
                "hãy sửa các dòng dưới đây rồi nhập lại.",
                "Không nhập được: %(count)d lỗi. Chưa có nhiệm vụ nào được ghi; "
                "hãy sửa các dòng dưới đây rồi nhập lại.",
                len(problems),
            ) % {"count": len(problems)},
            errors=[str(p) for p in problems],
        )


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """Index of the header row and column → position; raises if no header is found."""
    best: tuple[int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:15]):
        mapping = header_mapping(row)
        if "title" in mapping and (best is None or len(mapping) > len(best[1])):
            best = (index, mapping)
    if best is None:
        raise ImportRejected([RowProblem(1, _("Không tìm thấy dòng tiêu đề có cột 'Nhiệm vụ'. "
                                              "Bảng cần các cột STT, Nhiệm vụ, Cơ quan chủ trì, "
                                              "Cơ quan phối hợp, Sản phẩm, Thời gian hoàn thành."))])
    index, mapping = best
    missing = [COLUMN_LABELS[c] for c in REQUIRED if c not in mapping]
    if missing:
        raise ImportRejected([RowProblem(index + 1, _("Thiếu cột bắt buộc: %(columns)s.")
                                         % {"columns": ", ".join(missing)})])
    return best


def _domain_code(value: str) -> str | None:
    key = search_key(value)
    if value.strip() in DOMAINS:
        return value.strip()
    return _domain_by_label().get(key)


def _row_key(group: str, stt: str, title: str) -> str:
    stt = stt.strip().rstrip(".")
    if stt:
        return f"{group}.{stt}" if group else stt
    return "h:" + hashlib.sha1(search_key(title).encode()).hexdigest()[:16]


def parse_task_rows(rows: list[list[str]], *, document: Document,
                    resolver: AgencyResolver | None = None) -> list[TaskRow]:
    """Validate every row; return typed rows or raise ImportRejected listing all problems."""
    resolver = resolver or AgencyResolver()
    header_index, columns = find_header(rows)
    problems: list[RowProblem] = []
    parsed: list[TaskRow] = []
    seen_keys: dict[str, int] = {}
    group_stt, group_domain = "", None
    # "Trước ngày 30/6", "trong 30 ngày kể từ ngày ký" count from the document's date; an
    # undated document's rows are refused with a message, never dated from the import day.
    reference = document.issued_on

    for index in range(header_index + 1, len(rows)):
        row_number = index + 1
        cells = rows[index]
        if not any(c.strip() for c in cells):
            continue
        cleaned = [clean_text(c) if c else "" for c in cells]  # once per cell, not once per use

        def cell(column: str) -> str:
            position = columns.get(column)
            if position is None or position >= len(cleaned):
                return ""
            return cleaned[position]

        title, lead_text, stt = cell("title"), cell("lead"), cell("stt")
        if is_group_row(cleaned, columns):
            heading = title or next(c for c in cells if c and c.strip())
            match = re.match(r"^([IVXLC]+|[A-Z])\.\s*", heading)
            group_stt = stt.rstrip(".") if ROMAN_GROUP.match(stt) else (match.group(1) if match else heading[:20])
            # A heading with no domain words ("II. CÁC NHIỆM VỤ KHÁC") must not pass the
            # previous group's domain on: its rows are then classed by their own words.
            group_domain = guess_domain(heading)
            continue
        if not title:
            problems.append(RowProblem(row_number, _("Thiếu nội dung cột 'Nhiệm vụ'.")))
            continue

        lead = resolver.resolve_many(lead_text)
        if not lead_text:
            problems.append(RowProblem(row_number, _("Thiếu cơ quan chủ trì.")))
        for name in lead.unknown:
            problems.append(RowProblem(
                row_number, _("Cơ quan chủ trì '%(name)s' chưa có trong danh mục cơ quan.") % {"name": name}))
        coordinating = resolver.resolve_many(cell("coordinating"))
        for name in coordinating.unknown:
            problems.append(RowProblem(
                row_number, _("Cơ quan phối hợp '%(name)s' chưa có trong danh mục cơ quan.") % {"name": name}))

        deadline_text = cell("deadline")
        deadline = parse_deadline(deadline_text, reference=reference) if deadline_text else None
        if deadline_text and deadline is None and reference is None and needs_reference(deadline_text):
            problems.append(RowProblem(row_number, _(
                "Thời hạn '%(deadline)s' tính theo ngày ban hành văn bản, mà văn bản chưa có ngày ban hành: "
                "ghi ngày ban hành của văn bản, hoặc ghi thời hạn kèm năm (ví dụ '30/06/2026').")
                % {"deadline": deadline_text}))
        elif deadline_text and deadline is None:
            problems.append(RowProblem(
                row_number,
                _("Không hiểu thời hạn '%(deadline)s'. Ghi theo dạng 'Quý IV/2025', 'tháng 6/2025', "
                  "'30/06/2025', 'năm 2026', '2026-2030', 'Thường xuyên' hoặc 'Hằng năm'.")
                % {"deadline": deadline_text},
            ))

        domain_text = cell("domain")
        domain = _domain_code(domain_text) if domain_text else None
        if domain_text and domain is None:
            problems.append(RowProblem(
                row_number, _("Lĩnh vực '%(domain)s' không có trong danh mục lĩnh vực.") % {"domain": domain_text}))
        domain = domain or group_domain or guess_domain(title, default=Domain.CHUNG)

        span = None
        quote = cell("quote")
        if quote:
            span = find_quote(document.text, quote)
            if span is None:
                problems.append(RowProblem(row_number, _("Không tìm thấy đoạn trích dẫn trong toàn văn của văn bản.")))

        key = _row_key(group_stt, stt, title)
        if key in seen_keys:
            problems.append(RowProblem(row_number, _("Trùng số thứ tự '%(stt)s' với dòng %(row)s.")
                                       % {"stt": stt or title[:30], "row": seen_keys[key]}))
        seen_keys[key] = row_number

        output = cell("output")
        level = cell("level")
        # Stored text, not interface text: it stays Vietnamese like the rest of the record.
        if level:
            output = f"{output} (cấp trình: {level})" if output else f"Cấp trình: {level}"
        if lead.agencies and not lead.unknown:
            parsed.append(TaskRow(
                row=row_number, key=key, title=title[:500], lead=lead.agencies[0],
                co_leads=lead.agencies[1:],
                coordinating=[a for a in coordinating.agencies if a not in lead.agencies],
                output=output, deadline_text=deadline_text[:200],
                due_on=deadline.due if deadline else None,
                recurrence=deadline.recurrence if deadline else "once",
                domain=domain, span=span,
            ))
    if not problems and not parsed:
        problems.append(RowProblem(header_index + 1, _("Bảng không có dòng nhiệm vụ nào dưới dòng tiêu đề.")))
    if problems:
        raise ImportRejected(problems)
    return parsed


def _values(row: TaskRow) -> dict:
    """The task fields a row sets, as the task services take them."""
    values = {
        "title": row.title, "lead_agency": row.lead, "output": row.output,
        "deadline_text": row.deadline_text, "due_on": row.due_on, "recurrence": row.recurrence,
        "domain": row.domain,
    }
    if row.span:
        values["source_start"], values["source_end"] = row.span
    return values


def _changes(task: Task, values: dict) -> dict:
    def current(name: str):
        return task.lead_agency_id if name == "lead_agency" else getattr(task, name)

    return {name: value for name, value in values.items()
            if current(name) != (value.pk if name == "lead_agency" else value)}


def _assignments_differ(task: Task, row: TaskRow) -> bool:
    from theodoi.tasks.services import assignments_wanted

    wanted = assignments_wanted(lead_agency_id=row.lead.pk, co_leads=row.co_leads, coordinating=row.coordinating)
    have = {a.agency_id: a.role for a in task.assignments.all()}
    return have != {pk: role for pk, (_, role) in wanted.items()}


@transaction.atomic
def import_task_rows(*, actor, document: Document, rows: list[list[str]],
                     source_name: str = "") -> ImportResult:
    """Create or update the document's tasks from table rows, all or nothing.

    New tasks are created by `tasks_create` (the checks of `task_create`, in bulk) and
    changed by `task_update`: an import is held to the same checks, permission and history
    as an edit on screen; their statuses are settled together once every row is written."""
    require_perm(actor, "tasks.import_tasks", document)
    parsed = parse_task_rows(rows, document=document)
    # Two imports into one document queue on its row, so the second sees the tasks the
    # first created (and updates them) instead of colliding on the row keys.
    list(Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True))
    existing = {t.row_key: t for t in document.tasks.exclude(row_key="").prefetch_related("assignments")}
    result = ImportResult()
    reason = f"Nhập từ bảng {source_name}".strip()
    with settling_together():
        _write_rows(actor=actor, document=document, parsed=parsed, existing=existing, reason=reason, result=result)
    result.not_in_file = sorted(existing)
    return result


def _write_rows(*, actor, document: Document, parsed: list[TaskRow], existing: dict[str, Task], reason: str,
                result: ImportResult) -> None:
    from theodoi.tasks.services import NewTask, task_update, tasks_create

    new: list[NewTask] = []
    for row in parsed:
        task = existing.pop(row.key, None)
        values = _values(row)
        if task is None:
            new.append(NewTask(title=values.pop("title"), row_key=row.key, co_leads=row.co_leads,
                               coordinating=row.coordinating, fields=values))
            continue
        changes = _changes(task, values)
        assignments_change = _assignments_differ(task, row)
        if not changes and not assignments_change:
            result.unchanged += 1
            continue
        task_update(actor=actor, task=task, reason=reason, **changes,
                    **({"co_leads": row.co_leads, "coordinating": row.coordinating} if assignments_change else {}))
        result.updated += 1
    if new:
        result.created += len(tasks_create(actor=actor, document=document, new=new, reason=reason))


def import_task_file(*, actor, document: Document, name: str, data: bytes) -> ImportResult:
    from theodoi.tasks.tables import read_table

    return import_task_rows(actor=actor, document=document, rows=read_table(name, data), source_name=name)


def document_by_number(number: str) -> Document:
    from theodoi.documents.services import document_by_number as find

    document = find(number)
    if document is None:
        raise ApplicationError(
            _("Không có văn bản số '%(number)s'. Hãy tạo văn bản trước khi nhập nhiệm vụ.") % {"number": number})
    return document
