"""Writes on tasks, progress reports and comments. Each is one transaction with its audit rows."""

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history  # type: ignore[import-untyped]

from theodoi.agencies.models import Agency
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.publishing import set_published
from theodoi.core.review import record_verdict, stated_reason
from theodoi.core.types import User
from theodoi.core.uploads import check_upload_size, read_evidence
from theodoi.documents.models import Document
from theodoi.tasks.models import Assignment, ProgressReport, Recurrence, ReportEvidence, Task, TaskComment
from theodoi.tasks.periods import Period, reporting_periods
from theodoi.agencies.selectors import user_agency
from theodoi.tasks.rules import is_task_agency
from theodoi.tasks.status import settle
from theodoi.lib.text import nfc

TASK_FIELDS = (
    "title", "description", "domain", "lead_agency", "output", "deadline_text", "due_on",
    "recurrence", "completed_on", "weight", "published", "parent", "source_start", "source_end",
)


def assignments_wanted(*, lead_agency_id: int | None, co_leads: Iterable[Agency] = (),
                       coordinating: Iterable[Agency] = ()) -> dict[int, tuple[Agency, Assignment.Role]]:
    """agency id → (agency, role) of the further leads and coordinating agencies a task
    should have: the primary lead is not repeated, an agency named twice keeps its first role."""
    wanted: dict[int, tuple[Agency, Assignment.Role]] = {}
    for role, agencies in ((Assignment.Role.LEAD, co_leads), (Assignment.Role.COORDINATING, coordinating)):
        for agency in agencies:
            if agency.pk != lead_agency_id and agency.pk not in wanted:
                wanted[agency.pk] = (agency, role)
    return wanted


def assignments_sync(*, task: Task, actor: User, co_leads: Iterable[Agency] = (),
                     coordinating: Iterable[Agency] = (), is_new: bool = False) -> bool:
    """Make the task's further leads and coordinating agencies exactly these; True if changed.

    Each change is its own history row (who, when), like every other write. A task created
    in this transaction has none yet (`is_new`), so there is nothing to read first.
    """
    wanted = assignments_wanted(lead_agency_id=task.lead_agency_id, co_leads=co_leads, coordinating=coordinating)
    changed = False
    for assignment in ([] if is_new else list(task.assignments.all())):
        target = wanted.pop(assignment.agency_id, None)
        if target is None:
            attribute_to(assignment, actor).delete()
            changed = True
        elif target[1] != assignment.role:
            assignment.role = target[1]
            attribute_to(assignment, actor).save()
            changed = True
    for agency, new_role in wanted.values():
        attribute_to(Assignment(task=task, agency=agency, role=new_role), actor).save()
        changed = True
    return changed


def _validate_task(task: Task) -> None:
    """What a form would refuse, with a message; checked in Python, without a query per
    constraint (an import runs this for every row): the row-key uniqueness is left to the
    database constraint, caught where the task is saved."""
    try:
        # Foreign keys are objects the caller already holds: no query to re-check each.
        task.full_clean(exclude=["document", "parent", "lead_agency", "created_by"], validate_constraints=False)
        if task.source_start is not None and (task.source_end is None or task.source_end < task.source_start):
            raise ValidationError({"source_end": _("Vị trí cuối phải sau vị trí đầu.")})
    except ValidationError as exc:
        messages = [f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items()]
        raise ApplicationError(_("Dữ liệu nhiệm vụ không hợp lệ: %(errors)s") % {"errors": "; ".join(messages)},
                               errors=messages) from exc
    if task.parent is not None and task.parent.document_id != task.document_id:
        raise ApplicationError(_("Nhiệm vụ cha phải thuộc cùng văn bản."))
    if task.parent_id and task.pk and task.parent_id == task.pk:
        raise ApplicationError(_("Nhiệm vụ không thể là cha của chính nó."))
    if task.source_end is not None and task.source_end > len(task.document.text):
        raise ApplicationError(_("Vị trí trích dẫn nằm ngoài văn bản nguồn."))


@dataclass
class NewTask:
    """One task of `tasks_create`: the arguments `task_create` takes, for one row."""

    title: str
    row_key: str = ""
    co_leads: Sequence[Agency] = ()
    coordinating: Sequence[Agency] = ()
    fields: dict[str, Any] = field(default_factory=dict)


def _new_task(actor: User, document: Document, spec: NewTask) -> Task:
    unknown = set(spec.fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    task = Task(document=document, title=spec.title, row_key=spec.row_key, created_by=actor, **spec.fields)
    _validate_task(task)
    return task


def _duplicate_row(row_key: str) -> ApplicationError:
    return ApplicationError(_("Văn bản đã có nhiệm vụ từ dòng '%(key)s' của bảng.") % {"key": row_key})


@transaction.atomic
def task_create(*, actor: User, document: Document, title: str, coordinating: Iterable[Agency] = (),
                co_leads: Iterable[Agency] = (), row_key: str = "", reason: str = "", **fields: Any) -> Task:
    require_perm(actor, "tasks.add_task")
    task = _new_task(actor, document, NewTask(title, row_key, fields=fields))
    attribute_to(task, actor, reason=reason)
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError as exc:
        raise _duplicate_row(row_key) from exc
    assignments_sync(task=task, actor=actor, co_leads=co_leads, coordinating=coordinating, is_new=True)
    settle([task.pk])
    return task


@transaction.atomic
def tasks_create(*, actor: User, document: Document, new: Sequence[NewTask], reason: str = "") -> list[Task]:
    """Many tasks of one document at once (an imported table): each checked as `task_create`
    checks it, the same permission, the same history rows (who, when, why), written with one
    INSERT per table instead of six per task, statuses settled together."""
    require_perm(actor, "tasks.add_task")
    tasks = [_new_task(actor, document, spec) for spec in new]
    for task in tasks:
        task.prepare_to_save()
    user = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            created = bulk_create_with_history(tasks, Task, batch_size=500, default_user=user,
                                               default_change_reason=reason or None)
    except IntegrityError as exc:
        keys = [spec.row_key for spec in new]
        taken = set(Task.objects.filter(document=document, row_key__in=keys).values_list("row_key", flat=True))
        raise _duplicate_row(next((k for k in keys if k in taken), "?")) from exc
    assignments = [
        Assignment(task=task, agency=agency, role=role)
        for task, spec in zip(created, new)
        for agency, role in assignments_wanted(lead_agency_id=task.lead_agency_id, co_leads=spec.co_leads,
                                               coordinating=spec.coordinating).values()
    ]
    bulk_create_with_history(assignments, Assignment, batch_size=500, default_user=user)
    settle([task.pk for task in created])
    return created


@transaction.atomic
def task_update(*, actor: User, task: Task, version: dt.datetime | None = None,
                coordinating: Iterable[Agency] | None = None, co_leads: Iterable[Agency] | None = None,
                reason: str = "", **fields: Any) -> Task:
    """Update fields of a task. `version` is the `updated_at` the editor saw: if someone
    saved in between, the edit is refused instead of silently overwriting theirs."""
    require_perm(actor, "tasks.change_task", task)
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    current = Task.objects.select_for_update().filter(pk=task.pk).first()
    if current is None:
        raise ApplicationError(_("Nhiệm vụ không còn tồn tại (vừa bị xóa)."))
    if version is not None and current.updated_at != version:
        raise ApplicationError(
            _("Nhiệm vụ vừa được người khác cập nhật. Tải lại trang để xem thay đổi rồi sửa lại.")
        )
    for name, value in fields.items():
        setattr(current, name, value)
    _validate_task(current)
    if fields:  # only the assignments changing is no change of the task row (nor its history)
        attribute_to(current, actor, reason=reason).save()
    if coordinating is not None or co_leads is not None:
        existing = list(current.assignments.all())
        assignments_sync(
            task=current, actor=actor,
            co_leads=co_leads if co_leads is not None else
            [a.agency for a in existing if a.role == Assignment.Role.LEAD],
            coordinating=coordinating if coordinating is not None else
            [a.agency for a in existing if a.role == Assignment.Role.COORDINATING],
        )
    settle([current.pk])
    return current


@transaction.atomic
def task_delete(*, actor: User, task: Task) -> None:
    require_perm(actor, "tasks.delete_task", task)
    # Locked first, so a report being filed right now is either seen here or waits and
    # then finds the task gone; it never lands on a deleted task.
    if not Task.objects.select_for_update().filter(pk=task.pk).values_list("pk", flat=True):
        raise ApplicationError(_("Nhiệm vụ không còn tồn tại (vừa bị xóa)."))
    if task.reports.exists():
        raise ApplicationError(
            _("Nhiệm vụ đã có báo cáo tiến độ nên không thể xóa; hãy sửa hoặc đánh dấu hoàn thành.")
        )
    if task.children.exists():
        raise ApplicationError(_("Nhiệm vụ còn nhiệm vụ con; hãy xóa hoặc chuyển các nhiệm vụ con trước."))
    for assignment in task.assignments.all():
        attribute_to(assignment, actor).delete()
    attribute_to(task, actor).delete()


def reporting_agency_for(*, actor: User, task: Task) -> Agency:
    """The agency an officer reports as: their own if it leads or coordinates the task."""
    own = user_agency(actor)
    if own is not None and is_task_agency(actor, task):
        # Report under today's agency even when the task names a body it succeeded.
        return own
    if task.lead_agency is not None:
        return task.lead_agency
    raise ApplicationError(_("Nhiệm vụ chưa có cơ quan chủ trì để báo cáo."))


@transaction.atomic
def report_submit(*, actor: User, task: Task, period: Period, percent_complete: int | None, narrative: str,
                  evidence: Iterable[UploadedFile] = (), agency: Agency | None = None,
                  draft: bool = False) -> ProgressReport:
    """Submit (or save as draft) the agency's report for a period.

    One report per task, agency and period. A draft or a returned report is the agency's to
    rework and submit; a submitted one is with the office until it accepts or returns it,
    so a second submission (a double click, a colleague at the same moment) is refused with
    a message instead of silently replacing the first. A draft keeps what was typed so far
    (no progress, an empty narrative); sending needs both.
    """
    require_perm(actor, "tasks.report_on_task", task)
    agency = agency or reporting_agency_for(actor=actor, task=task)
    narrative = (narrative or "").strip()
    if not draft and percent_complete is None:
        raise ApplicationError(_("Hãy nêu tiến độ (%) trước khi gửi báo cáo."))
    if not draft and not narrative:
        raise ApplicationError(_("Hãy nêu kết quả thực hiện trong kỳ."))
    if percent_complete is not None and not 0 <= int(percent_complete) <= 100:
        raise ApplicationError(_("Tiến độ phải từ 0 đến 100%."))
    today = timezone.localdate()
    if period.start > today:
        raise ApplicationError(_("Chưa đến kỳ báo cáo %(period)s.") % {"period": period.label})
    allowed = reporting_periods(task.recurrence, today)
    if period not in allowed:
        # The form offers only these; a request made by hand, a command or an old page
        # would otherwise store a report the status rule never counts.
        raise ApplicationError(
            _("Không nhận báo cáo cho kỳ %(period)s: nhiệm vụ này báo cáo theo các kỳ %(allowed)s.")
            % {"period": period.label, "allowed": ", ".join(p.label for p in allowed)}
        )
    files = []
    for upload in evidence:
        name = _upload_name(upload)
        check_upload_size(name=name, size=_upload_size(upload))  # before reading it into memory
        upload.seek(0)
        files.append(read_evidence(name=name, data=upload.read()) + (upload,))

    # Writers on one task queue here (PostgreSQL row lock; on SQLite the transaction already
    # holds the write lock), so what is derived from the task's reports is computed from
    # the latest committed state.
    if not Task.objects.select_for_update().filter(pk=task.pk).values_list("pk", flat=True):
        raise ApplicationError(_("Nhiệm vụ không còn tồn tại (vừa bị xóa); không thể báo cáo."))
    report = (
        ProgressReport.objects.select_for_update()
        .filter(task=task, agency=agency, period_start=period.start).first()
    )
    if report is not None:
        _check_report_open(report, period)
    else:
        report = ProgressReport(task=task, agency=agency, period_start=period.start, period_end=period.end)
    report.author = actor
    report.percent_complete = None if percent_complete is None else int(percent_complete)
    report.narrative = narrative
    report.state = ProgressReport.State.DRAFT if draft else ProgressReport.State.SUBMITTED
    report.submitted_at = None if draft else timezone.now()
    report.return_reason = "" if not draft else report.return_reason
    try:
        # A savepoint: a concurrent first submission that committed between our look-up and
        # this insert trips the one-per-period constraint; that is a refusal, not a 500.
        with transaction.atomic():
            attribute_to(report, actor).save()
    except IntegrityError as exc:
        raise ApplicationError(_duplicate_message(period)) from exc
    for name, _kind, upload in files:
        item = ReportEvidence(report=report, original_name=name[-255:], uploaded_by=actor)
        upload.seek(0)
        item.file.save(name, upload, save=False)
        attribute_to(item, actor).save()
    settle([task.pk])
    return report


def _upload_name(upload: UploadedFile) -> str:
    return upload.name or "minh-chung"


def _upload_size(upload: UploadedFile) -> int:
    # A browser upload always carries its size; a file built in code may not, so measure it.
    if upload.size is not None:
        return upload.size
    position = upload.tell()
    size = upload.seek(0, os.SEEK_END)
    upload.seek(position)
    return size


def _duplicate_message(period: Period) -> str:
    return _("Báo cáo %(period)s của cơ quan đã được gửi và đang chờ Văn phòng xem xét; không gửi lại lần nữa. "
             "Nếu cần sửa, đề nghị Văn phòng trả lại báo cáo.") % {"period": period.label}


def _check_report_open(report: ProgressReport, period: Period) -> None:
    """Refuse to write over a report that is no longer the agency's to change."""
    if report.state == ProgressReport.State.ACCEPTED:
        raise ApplicationError(
            _("Báo cáo %(period)s đã được Văn phòng tiếp nhận; liên hệ Văn phòng nếu cần điều chỉnh.")
            % {"period": period.label}
        )
    if report.state == ProgressReport.State.SUBMITTED:
        raise ApplicationError(_duplicate_message(period))


def _review_target(report: ProgressReport) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    if locked.state != ProgressReport.State.SUBMITTED:
        raise ApplicationError(
            _("Chỉ xem xét được báo cáo đang ở trạng thái '%(submitted)s' (hiện tại: %(state)s).")
            % {"submitted": ProgressReport.State.SUBMITTED.label, "state": locked.get_state_display()}
        )
    return locked


@transaction.atomic
def report_accept(*, actor: User, report: ProgressReport, public_note: str = "",
                  evidence_published: bool = False) -> ProgressReport:
    """Accept a report; a 100 % report on a one-off task completes the task that day.

    `public_note`, if given, is what the public portal shows of it (see report_publish_note)."""
    require_perm(actor, "tasks.review_report", report.task)
    report = record_verdict(_review_target(report), state=ProgressReport.State.ACCEPTED, reviewer=actor)
    attribute_to(report, actor).save()
    if public_note.strip():
        report = report_publish_note(actor=actor, report=report, note=public_note,
                                     evidence_published=evidence_published)
    task = report.task
    if (report.percent_complete == 100 and task.recurrence == Recurrence.ONCE
            and task.completed_on is None):
        task.completed_on = timezone.localdate(report.submitted_at)
        # The reason is stored in the history, in the source language like the record itself.
        reason = f"Hoàn thành theo báo cáo {report.period_start:%d/%m/%Y}–{report.period_end:%d/%m/%Y}"
        attribute_to(task, actor, reason=reason).save()
    settle([task.pk])
    return report


@transaction.atomic
def report_return(*, actor: User, report: ProgressReport, reason: str) -> ProgressReport:
    require_perm(actor, "tasks.review_report", report.task)
    reason = stated_reason(reason, missing=_("Hãy nêu lý do trả lại để cơ quan bổ sung."))
    report = record_verdict(_review_target(report), state=ProgressReport.State.RETURNED, reviewer=actor,
                            return_reason=reason)
    attribute_to(report, actor).save()
    settle([report.task_id])
    return report


@transaction.atomic
def comment_add(*, actor: User, task: Task, body: str, kind: str = TaskComment.Kind.COMMENT) -> TaskComment:
    require_perm(actor, "tasks.comment_task", task)
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Nội dung ý kiến không được để trống."))
    comment = TaskComment(task=task, author=actor, body=body, kind=kind)
    attribute_to(comment, actor).save()
    return comment


@transaction.atomic
def task_publish(*, actor: User, task: Task, published: bool) -> Task:
    """Put a task on the public portal, or take it off (recorded in its history).

    The public sees it only while its document is published too (portal/visibility.py)."""
    require_perm(actor, "tasks.publish_task", task)
    current, changed = set_published(task, actor=actor, published=published, update_fields=["published", "updated_at"],
                                     gone=_("Nhiệm vụ không còn tồn tại (vừa bị xóa)."))
    if changed:
        settle([current.pk])  # the save marks the stored status for settling again
    return current


@transaction.atomic
def report_publish_note(*, actor: User, report: ProgressReport, note: str,
                        evidence_published: bool = False) -> ProgressReport:
    """Choose what the public reads of an accepted report: `note` (empty: nothing) and,
    with a note, whether its evidence files may be downloaded. Recorded in its history.

    The narrative, the author and any report not accepted are never public; the office
    writes the note for citizens (often a copy of the narrative, edited)."""
    require_perm(actor, "tasks.review_report", report.task)
    locked = ProgressReport.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise ApplicationError(_("Báo cáo không còn tồn tại."))
    if locked.state != ProgressReport.State.ACCEPTED:
        raise ApplicationError(_("Chỉ công khai được báo cáo đã được tiếp nhận."))
    note = nfc(note or "").strip()
    if len(note) > PUBLIC_NOTE_MAX:
        raise ApplicationError(_("Nội dung công khai dài quá: tối đa %(max)d ký tự.") % {"max": PUBLIC_NOTE_MAX})
    was_public = bool(locked.public_note)
    locked.public_note = note
    locked.evidence_published = bool(note) and evidence_published
    if note and not was_public:
        locked.public_since = timezone.now()  # what the followers' digest announces as new
    elif not note:
        locked.public_since = None
    attribute_to(locked, actor).save()
    return locked


PUBLIC_NOTE_MAX = 5_000
