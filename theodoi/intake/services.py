"""Intake: an uploaded document → candidates under review → documents and tasks.

Extraction itself lives in `theodoi.extraction` (pure Python); these services save its
results, let the office correct them and turn the accepted ones into tasks — through the
task services, like every other path that creates or changes a task.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import AgencyResolver
from theodoi.extraction.registry import place_named_in
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.types import User
from theodoi.core.uploads import check_upload_size, max_upload_bytes
from theodoi.core.permissions import require_perm
from theodoi.lib.text import find_quote, match_key, search_key
from theodoi.documents.models import Document, DocumentKind, DocumentLink
from theodoi.documents.services import document_by_number
from theodoi.extraction.deadlines import needs_reference, parse_deadline
from theodoi.extraction.extractor import Extractor, TaskCandidate, make_title
from theodoi.extraction.header import kind_from_number
from theodoi.extraction.readers import ReadDocument, ReadError, read_document
from theodoi.extraction.readers.ocr import assemble, ocr_page
from theodoi.extraction.structure import sentences
from theodoi.intake.lexicon import registry_lexicon
from theodoi.intake.models import Candidate, Intake
from theodoi.tasks import services as task_services
from theodoi.tasks.models import Task
from theodoi.tasks.status import settling_together

EDITABLE = ("title", "lead_names", "coordinating_names", "output", "deadline_text", "domain")


def _candidate(intake: Intake, position: int, found: TaskCandidate) -> Candidate:
    deadline = found.deadline
    return Candidate(
        intake=intake, position=position, start=found.start, end=found.end, title=found.title[:500],
        lead_names=found.lead, coordinating_names=found.coordinating, unresolved=found.unresolved,
        output=found.output or "", deadline_text=(deadline.raw if deadline else "")[:200],
        due_on=deadline.due if deadline else None, recurrence=deadline.recurrence if deadline else "once",
        domain=found.domain, confidence=found.confidence,
    )


@transaction.atomic
def intake_create(*, actor: User, name: str, data: bytes) -> Intake:
    """Read and extract an uploaded document; nothing is saved if the file cannot be read.

    A scanned PDF, or one with scanned pages, is kept and queued for recognition
    (`intake_recognise`, a background job): the review starts when its text is ready."""
    require_perm(actor, "documents.add_document")
    check_upload_size(name=name, size=len(data))
    try:
        read = read_document(name, data, max_bytes=max_upload_bytes())
    except ReadError as exc:
        if exc.code != "scanned" or not exc.page_count:
            # The extractor is plain Python: its messages are Vietnamese only.
            raise ApplicationError(exc.message) from exc
        read = ReadDocument("", "pdf", None, [], pages=[""] * exc.page_count,
                            ocr_pages=list(range(1, exc.page_count + 1)))
    intake = Intake(original_name=name[:255], source_format=read.format, encoding=read.encoding or "",
                    text=read.text, warnings=list(read.warnings), created_by=actor)
    intake.original_file.save(name, ContentFile(data), save=False)
    if read.ocr_pages:
        intake.state = Intake.State.OCR
        intake.ocr_pages, intake.page_texts = read.ocr_pages, read.pages
        # The text layer's warning about the pages without one is what recognition answers.
        intake.warnings = [w for w in intake.warnings if "không có lớp chữ" not in w]
        with transaction.atomic():
            attribute_to(intake, actor).save()
            transaction.on_commit(lambda: _enqueue_recognition(intake.pk))
        return intake
    with transaction.atomic():
        _extract(intake, actor=actor)
    return intake


def _enqueue_recognition(intake_id: int) -> None:
    from theodoi.intake.jobs import recognise_intake

    recognise_intake.enqueue(intake_id)


def _extract(intake: Intake, *, actor: User | None) -> None:
    """Run the extractor over `intake.text`: the header fields and the candidates."""
    extraction = Extractor(registry_lexicon()).extract(intake.text)
    header = extraction.document
    intake.kind = header.kind if header.kind in DocumentKind.values else DocumentKind.OTHER
    intake.number = (header.number or "")[:64]
    intake.issuer_name = (header.issuer or "")[:255]
    intake.issued_on = header.issued_on
    intake.title = header.title
    intake.implements = header.implements
    intake.document = document_by_number(intake.number) if intake.number else None
    attribute_to(intake, actor).save()
    candidates = Candidate.objects.bulk_create(
        [_candidate(intake, i, found) for i, found in enumerate(extraction.tasks)]
    )
    if intake.document is not None:
        _match_revision(intake, intake.document, candidates)


def intake_recognise(*, intake_id: int) -> Intake:
    """Recognise the scanned pages of an intake with Tesseract, page after page (progress
    saved after each, for the review page to show), then extract as for any upload.

    Runs in the background worker (`theodoi.intake.jobs.recognise_intake`), never in a web
    request. A page that cannot be read ends the recognition with its message."""
    intake = Intake.objects.get(pk=intake_id)
    if intake.state != Intake.State.OCR:
        return intake  # already done (a job run twice) or cancelled meanwhile
    data = intake.original_file.read()
    recognised: dict[int, str] = {}
    confidences: list[tuple[float, int]] = []
    try:
        for number in intake.ocr_pages:
            page = ocr_page(data, number)
            recognised[number] = page.text
            confidences.append((page.confidence, page.words))
            Intake.objects.filter(pk=intake.pk).update(ocr_done=len(recognised))
    except ReadError as exc:
        Intake.objects.filter(pk=intake.pk).update(
            state=Intake.State.OCR_FAILED, warnings=[*intake.warnings, exc.message])
        intake.refresh_from_db()
        return intake
    text, spans = assemble(intake.page_texts, recognised)
    words = sum(n for _c, n in confidences)
    confidence = sum(c * n for c, n in confidences) / words if words else 0.0
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.state != Intake.State.OCR:
            return intake
        if not text.strip():
            intake.state = Intake.State.OCR_FAILED
            intake.warnings = [*intake.warnings, _("Không nhận dạng được chữ nào trong bản quét: hãy quét lại rõ hơn "
                                                   "(300 dpi, thẳng trang) rồi tải lên.")]
            intake.save(update_fields=["state", "warnings"])
            return intake
        intake.text, intake.ocr_spans, intake.ocr_confidence = text, [list(s) for s in spans], confidence
        intake.ocr_done, intake.state = len(recognised), Intake.State.REVIEW
        intake.warnings = [*intake.warnings, ngettext(
            "%(n)s trang được nhận dạng từ ảnh quét (OCR), độ tin cậy trung bình %(confidence)s%%: phần chữ này được "
            "đánh dấu, hãy đối chiếu với bản gốc.",
            "%(n)s trang được nhận dạng từ ảnh quét (OCR), độ tin cậy trung bình %(confidence)s%%: phần chữ này được "
            "đánh dấu, hãy đối chiếu với bản gốc.", len(recognised)) % {
                "n": len(recognised), "confidence": round(confidence)}]
        _extract(intake, actor=None)
    return intake


# --- revisions ----------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return set(search_key(text).split())


def _match_revision(intake: Intake, document: Document, candidates: list[Candidate]) -> None:
    """Pair each candidate of a new version with the task it continues, and say what changed."""
    tasks = list(document.tasks.select_related("lead_agency").prefetch_related("assignments__agency"))
    old_text = document.text
    sources = {t.pk: old_text[t.source_start:t.source_end] if t.source_start is not None else t.title for t in tasks}
    taken: set[int] = set()
    resolver = AgencyResolver()
    for candidate in candidates:
        text = intake.text[candidate.start:candidate.end]
        best, best_score = None, 0.0
        for task in tasks:
            if task.pk in taken:
                continue
            if match_key(sources[task.pk]) == match_key(text):
                best, best_score = task, 1.0
                break
            a, b = _words(sources[task.pk]), _words(text)
            overlap = len(a & b) / max(1, len(a | b))
            if overlap > best_score:
                best, best_score = task, overlap
        if best is None or best_score < 0.6:
            candidate.changed_fields = ["new"]
            continue
        taken.add(best.pk)
        candidate.matched_task = best
        changed = []
        if best_score < 1.0:
            changed.append("text")
        new_lead = candidate.lead_names[0] if candidate.lead_names else None
        # "Sở Xây dựng" as a plan writes it is the agency the task has, not a change.
        if best.lead_agency and new_lead and (resolver.resolve(new_lead) or new_lead) != best.lead_agency \
                and match_key(best.lead_agency.name) != match_key(new_lead):
            changed.append("lead")
        if (best.due_on or None) != candidate.due_on and candidate.deadline_text:
            changed.append("deadline")
        candidate.changed_fields = changed
        if not changed:
            # Same words, same fields: nothing for the reviewer to decide.
            candidate.decision = Candidate.Decision.ACCEPTED
    Candidate.objects.bulk_update(candidates, ["matched_task", "changed_fields", "decision"])


def intake_missing_tasks(*, intake: Intake) -> list[Task]:
    """Tasks of the tracked document that the new version no longer contains."""
    if intake.document is None:
        return []
    matched = set(intake.candidates.exclude(matched_task=None).values_list("matched_task_id", flat=True))
    return list(intake.document.tasks.exclude(pk__in=matched).order_by("id"))


# --- review -------------------------------------------------------------------------------

def _reviewable(intake: Intake, *, actor: User) -> None:
    """The actor may review uploads, and this one is still under review."""
    require_perm(actor, "documents.add_document")
    if intake.state != Intake.State.REVIEW:
        raise ApplicationError(_("Văn bản này %(state)s; không sửa được nữa.")
                               % {"state": intake.get_state_display().lower()})


def _names(value: str | Iterable[str]) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"[;\n]", value)
    return [v.strip() for v in value if v and v.strip()]


@transaction.atomic
def candidate_update(*, actor: User, candidate: Candidate, **fields: Any) -> Candidate:
    _reviewable(candidate.intake, actor=actor)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown candidate fields: {sorted(unknown)}")
    for name in ("lead_names", "coordinating_names"):
        if name in fields:
            fields[name] = _names(fields[name])
    if "deadline_text" in fields:
        raw = (fields["deadline_text"] or "").strip()
        deadline = parse_deadline(raw, reference=candidate.intake.issued_on) if raw else None
        if raw and deadline is None and candidate.intake.issued_on is None and needs_reference(raw):
            # Counted from the document's date, which nobody has given yet.
            raise ApplicationError(
                _("Thời hạn '%(deadline)s' tính theo ngày ban hành văn bản, mà văn bản chưa có ngày ban hành: "
                  "ghi ngày ban hành ở mục Văn bản, hoặc ghi thời hạn kèm năm (ví dụ '30/06/2026').")
                % {"deadline": raw})
        if raw and deadline is None:
            raise ApplicationError(
                _("Không hiểu thời hạn '%(deadline)s'. Ghi theo dạng 'Quý IV/2025', 'tháng 6/2025', "
                  "'30/06/2025', 'năm 2026', '2026-2030', 'Thường xuyên' hoặc 'Hằng năm'.") % {"deadline": raw}
            )
        fields["deadline_text"] = raw
        candidate.due_on = deadline.due if deadline else None
        candidate.recurrence = deadline.recurrence if deadline else "once"
    if "title" in fields and not (fields["title"] or "").strip():
        raise ApplicationError(_("Tên nhiệm vụ không được để trống."))
    for name, value in fields.items():
        setattr(candidate, name, value.strip() if isinstance(value, str) else value)
    attribute_to(candidate, actor).save()
    return candidate


@transaction.atomic
def candidate_decide(*, actor: User, candidate: Candidate, decision: str) -> Candidate:
    _reviewable(candidate.intake, actor=actor)
    if decision not in Candidate.Decision.values:
        raise ApplicationError(_("Quyết định không hợp lệ."))
    candidate.decision = decision
    attribute_to(candidate, actor).save()
    return candidate


@transaction.atomic
def candidate_merge_next(*, actor: User, candidate: Candidate) -> Candidate:
    """Join a candidate with the one after it: one task whose source spans both."""
    _reviewable(candidate.intake, actor=actor)
    following = candidate.intake.candidates.filter(start__gte=candidate.end).order_by("start").first()
    if following is None:
        raise ApplicationError(_("Không có nhiệm vụ đề xuất nào phía sau để gộp."))
    candidate.end = following.end
    candidate.title = candidate.title or following.title
    for name in ("lead_names", "coordinating_names"):
        merged = list(getattr(candidate, name))
        merged += [n for n in getattr(following, name) if n not in merged]
        setattr(candidate, name, merged)
    candidate.deadline_text = candidate.deadline_text or following.deadline_text
    candidate.due_on = candidate.due_on or following.due_on
    attribute_to(candidate, actor).save()
    attribute_to(following, actor).delete()
    return candidate


_CLAUSE_BREAK = re.compile(r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])")


@transaction.atomic
def candidate_split(*, actor: User, candidate: Candidate) -> list[Candidate]:
    """Split a candidate at its sentence or clause boundaries (";")."""
    _reviewable(candidate.intake, actor=actor)
    text = candidate.intake.text
    spans = sentences(text, candidate.start, candidate.end)
    if len(spans) < 2:
        spans, cursor = [], candidate.start
        for match in re.finditer(r";\s+", text[candidate.start:candidate.end]):
            cut = candidate.start + match.start() + 1
            spans.append((cursor, cut))
            cursor = candidate.start + match.end()
        if spans:
            spans.append((cursor, candidate.end))
    spans = [(s, e) for s, e in spans if text[s:e].strip(" ;.")]
    if len(spans) < 2:
        raise ApplicationError(_("Không tìm thấy chỗ tách (câu hoặc vế câu ngăn bằng dấu chấm phẩy)."))
    parts = []
    for index, (start, end) in enumerate(spans):
        part = candidate if index == 0 else Candidate(
            intake=candidate.intake, position=candidate.position, lead_names=list(candidate.lead_names),
            coordinating_names=list(candidate.coordinating_names), domain=candidate.domain,
            deadline_text=candidate.deadline_text, due_on=candidate.due_on, recurrence=candidate.recurrence,
            output=candidate.output, confidence=candidate.confidence, decision=candidate.decision,
        )
        part.start, part.end = start, end
        part.title = make_title(text[start:end])[:500]
        attribute_to(part, actor).save()
        parts.append(part)
    return parts


@transaction.atomic
def candidate_add(*, actor: User, intake: Intake, quote: str) -> Candidate:
    """A directive the extractor missed: the reviewer gives its exact words."""
    _reviewable(intake, actor=actor)
    span = find_quote(intake.text, quote.strip())
    if span is None:
        raise ApplicationError(_("Không tìm thấy đoạn này trong toàn văn; hãy chép nguyên văn từ văn bản."))
    start, end = span
    if intake.candidates.filter(start__lt=end, end__gt=start).exists():
        raise ApplicationError(_("Đoạn này trùng với một nhiệm vụ đề xuất đã có; hãy sửa hoặc tách mục đó."))
    found = Extractor(registry_lexicon()).extract(intake.text[start:end])
    first = found.tasks[0] if found.tasks else None
    candidate = Candidate(
        intake=intake, position=0, start=start, end=end, title=make_title(intake.text[start:end])[:500],
        lead_names=first.lead if first else [], coordinating_names=first.coordinating if first else [],
        domain=first.domain if first else "chung", confidence=1.0, decision=Candidate.Decision.ACCEPTED,
    )
    attribute_to(candidate, actor).save()
    return candidate


@transaction.atomic
def intake_accept_pending(*, actor: User, intake: Intake) -> int:
    _reviewable(intake, actor=actor)
    pending = list(intake.candidates.filter(decision=Candidate.Decision.PENDING))
    for candidate in pending:
        candidate.decision = Candidate.Decision.ACCEPTED
        attribute_to(candidate, actor).save()
    return len(pending)


@transaction.atomic
def intake_update_header(*, actor: User, intake: Intake, **fields: Any) -> Intake:
    _reviewable(intake, actor=actor)
    dated_before = intake.issued_on
    for name in ("kind", "number", "issuer_name", "issued_on", "title"):
        if name in fields:
            setattr(intake, name, fields[name])
    if intake.issued_on != dated_before:
        # "Trước ngày 30/6", "kể từ ngày ký": the candidates' dates count from this day.
        for candidate in intake.candidates.exclude(deadline_text=""):
            deadline = parse_deadline(candidate.deadline_text, reference=intake.issued_on)
            due, recurrence = (deadline.due, deadline.recurrence) if deadline else (None, "once")
            if (due, recurrence) != (candidate.due_on, candidate.recurrence):
                candidate.due_on, candidate.recurrence = due, recurrence
                attribute_to(candidate, actor).save()
    if "number" in fields:
        intake.document = document_by_number(intake.number) if intake.number else None
    attribute_to(intake, actor).save()
    return intake


@transaction.atomic
def intake_cancel(*, actor: User, intake: Intake) -> Intake:
    """Drop an upload under review, or one still being recognised (the job then stops)."""
    require_perm(actor, "documents.add_document")
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.state not in (Intake.State.REVIEW, Intake.State.OCR, Intake.State.OCR_FAILED):
            raise ApplicationError(_("Văn bản này %(state)s; không sửa được nữa.")
                                   % {"state": intake.get_state_display().lower()})
        intake.state = Intake.State.CANCELLED
        attribute_to(intake, actor).save()
    return intake


# --- commit -------------------------------------------------------------------------------

def _resolve_all(candidates: list[Candidate], resolver: AgencyResolver) -> tuple[dict[str, Agency], list[str]]:
    resolved: dict[str, Agency] = {}
    problems: list[str] = []
    for number, candidate in enumerate(candidates, 1):
        for name in [*candidate.lead_names, *candidate.coordinating_names]:
            agency = resolver.resolve(name)
            if agency is None:
                problems.append(_("Nhiệm vụ %(number)s ('%(title)s'): cơ quan '%(name)s' chưa có "
                                  "trong danh mục; sửa tên hoặc thêm cơ quan vào danh mục trước.")
                                % {"number": number, "title": candidate.title[:60], "name": name})
            else:
                resolved[name] = agency
    return resolved, problems


def _implemented_document(number: str, actor: User) -> Document:
    existing = document_by_number(number)
    if existing:
        return existing
    kind = kind_from_number(number) or DocumentKind.OTHER
    # A stored title: in the source language whatever the interface language.
    with translation.override(settings.LANGUAGE_CODE):
        title = f"{DocumentKind(kind).label} số {number}"
    stub = Document(kind=kind, number=number, title=title, created_by=actor)
    attribute_to(stub, actor).save()
    return stub


@dataclass(frozen=True)
class Committed:
    """What *Tạo nhiệm vụ* did: the document, how many tasks it created and updated."""

    document: Document
    created: int
    updated: int


def intake_commit(*, actor: User, intake: Intake) -> Document:
    """Create (or, for a new version, update) the document and the accepted tasks."""
    return intake_commit_counted(actor=actor, intake=intake).document


@transaction.atomic
def intake_commit_counted(*, actor: User, intake: Intake) -> Committed:
    """`intake_commit`, saying how many tasks were created and updated (the office's message)."""
    require_perm(actor, "tasks.add_task")
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    _reviewable(intake, actor=actor)  # may review uploads; still under review once locked
    candidates = list(intake.candidates.order_by("start"))
    if any(c.decision == Candidate.Decision.PENDING for c in candidates):
        raise ApplicationError(
            _("Còn nhiệm vụ đề xuất chưa xem; hãy chấp nhận hoặc loại từng mục (hoặc 'Chấp nhận tất cả')."))
    accepted = [c for c in candidates if c.decision == Candidate.Decision.ACCEPTED]
    # "Sở Tài chính" in a Bắc Ninh plan is Bắc Ninh's department, not the registry's default.
    resolver = AgencyResolver(place=place_named_in(intake.issuer_name or ""))
    agencies, problems = _resolve_all(accepted, resolver)
    if problems:
        raise ApplicationError(
            ngettext("Chưa tạo được nhiệm vụ: %(count)d vấn đề cần sửa.",
                     "Chưa tạo được nhiệm vụ: %(count)d vấn đề cần sửa.", len(problems)) % {"count": len(problems)},
            errors=problems,
        )
    if intake.number and not intake.document and document_by_number(intake.number):
        intake.document = document_by_number(intake.number)

    document = intake.document or Document(created_by=actor)
    document.kind = intake.kind
    document.number = intake.number
    document.issuer = resolver.resolve(intake.issuer_name) if intake.issuer_name else None
    document.issued_on = intake.issued_on
    document.title = intake.title or intake.original_name
    document.text = intake.text
    document.original_file = intake.original_file.name
    revision = document.pk is not None
    # History reasons are stored text: they stay in the source language.
    reason = f"Bản mới từ tệp {intake.original_name}" if revision else f"Tạo từ tệp {intake.original_name}"
    attribute_to(document, actor, reason=reason).save()
    for number in intake.implements:
        if match_key(number) != match_key(intake.number):
            target = _implemented_document(number, actor)
            if not DocumentLink.objects.filter(source=document, target=target).exists():
                link = DocumentLink(source=document, target=target, relation=DocumentLink.Relation.IMPLEMENTS)
                attribute_to(link, actor).save()

    previous_ids = set(document.tasks.values_list("pk", flat=True)) if revision else set()
    matched_ids: set[int] = set()
    with settling_together():  # one settle for all the tasks, not one per task
        for candidate in accepted:
            names = candidate.lead_names
            # A task whose text names no lead is still tracked; the office assigns it later.
            fields: dict[str, Any] = dict(
                title=candidate.title, domain=candidate.domain, lead_agency=agencies[names[0]] if names else None,
                output=candidate.output, deadline_text=candidate.deadline_text, due_on=candidate.due_on,
                recurrence=candidate.recurrence, source_start=candidate.start, source_end=candidate.end,
            )
            co_leads = [agencies[n] for n in names[1:]]
            coordinating = [agencies[n] for n in candidate.coordinating_names]
            if candidate.matched_task is not None:
                matched_ids.add(candidate.matched_task.pk)
                task_services.task_update(actor=actor, task=candidate.matched_task, co_leads=co_leads,
                                          coordinating=coordinating,
                                          reason=f"Cập nhật theo bản mới ({intake.original_name})", **fields)
            else:
                task_services.task_create(actor=actor, document=document, co_leads=co_leads, coordinating=coordinating,
                                          **fields)
        if revision:
            # Tasks the new version no longer states keep their history; only their words are gone.
            for task in document.tasks.filter(pk__in=previous_ids - matched_ids).exclude(source_start=None):
                task_services.task_update(actor=actor, task=task, source_start=None, source_end=None,
                                          reason="Không còn trong bản mới của văn bản")
    intake.document = document
    intake.state = Intake.State.COMMITTED
    attribute_to(intake, actor).save()
    updated = sum(1 for c in accepted if c.matched_task is not None)
    return Committed(document=document, created=len(accepted) - updated, updated=updated)
