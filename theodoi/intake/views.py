"""Upload, review and commit screens of the intake."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from theodoi.agencies.models import Agency
from theodoi.core.exceptions import ApplicationError
from theodoi.core.uploads import check_upload_size
from theodoi.core.permissions import require_perm
from theodoi.documents.selectors import Segment, text_segments
from theodoi.intake import services
from theodoi.intake.forms import CandidateForm, IntakeHeaderForm, UploadForm
from theodoi.intake.models import Candidate, Intake

def _require_intake(request: HttpRequest) -> None:
    require_perm(request.user, "documents.add_document", message=_("Chỉ Văn phòng được nhập văn bản."))


@login_required
def intake_upload(request: HttpRequest) -> HttpResponse:
    _require_intake(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(name=upload.name, size=upload.size)  # before reading it into memory
            intake = services.intake_create(actor=request.user, name=upload.name, data=upload.read())
            return redirect("intake:review", pk=intake.pk)
        except ApplicationError as exc:
            error = exc.message
    recent = Intake.objects.filter(state=Intake.State.REVIEW).select_related("created_by")[:20]
    return render(request, "intake/intake_upload.html", {"form": form, "error": error, "recent": recent},
                  status=400 if error else 200)


def _card_context(candidate: Candidate, index: int, error: str = "", form=None) -> dict:
    return {
        "c": candidate, "index": index, "error": error,
        "form": form or CandidateForm(initial={
            "title": candidate.title, "lead_names": "; ".join(candidate.lead_names),
            "coordinating_names": "; ".join(candidate.coordinating_names), "output": candidate.output,
            "deadline_text": candidate.deadline_text, "domain": candidate.domain,
        }),
    }


def _mark_recognised(segments: list[Segment], ocr_spans: list[list[int]]) -> list[tuple[Segment, bool]]:
    """Cut the segments again where recognised (OCR) text starts or ends; flag those pieces."""
    if not ocr_spans:
        return [(segment, False) for segment in segments]
    cuts = sorted({offset for span in ocr_spans for offset in span})
    marked: list[tuple[Segment, bool]] = []
    start = 0
    for segment in segments:
        end = start + len(segment.text)
        points = [start, *(c for c in cuts if start < c < end), end]
        for left, right in zip(points, points[1:]):
            piece = Segment(segment.text[left - start:right - start], segment.task_ids, segment.focus)
            marked.append((piece, any(s <= left and right <= e for s, e in ocr_spans)))
        start = end
    return marked


@login_required
def intake_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The recognition's progress, polled by the review page; reloads it when done."""
    _require_intake(request)
    intake = get_object_or_404(Intake, pk=pk)
    response = render(request, "intake/partials/ocr_progress.html", {"intake": intake})
    if intake.state != Intake.State.OCR and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
def intake_review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_intake(request)
    intake = get_object_or_404(Intake.objects.select_related("document", "created_by"), pk=pk)
    candidates = list(intake.candidates.select_related("matched_task").order_by("start"))
    for candidate in candidates:
        candidate.intake = intake  # the cards quote the text; no query per card
    cards = [_card_context(c, i) for i, c in enumerate(candidates, 1)]  # numbered in the text's order
    by_confidence = request.GET.get("thu-tu") == "tin-cay"
    if by_confidence:
        # The least certain first: where the extractor's errors gather (extraction/confidence.py).
        cards.sort(key=lambda card: (card["c"].confidence, card["index"]))
    spans = [(c.start, c.end, c.pk) for c in candidates]
    decisions = {c.pk: c.decision for c in candidates}
    segments = [(s, decisions.get(s.task_ids[0]) if s.task_ids else None, ocr)
                for s, ocr in _mark_recognised(text_segments(intake.text, spans), intake.ocr_spans)]
    counts = {d: sum(1 for c in candidates if c.decision == d) for d in Candidate.Decision.values}
    return render(request, "intake/intake_review.html", {
        "intake": intake,
        "segments": segments,
        "cards": cards,
        "by_confidence": by_confidence,
        "counts": counts,
        "missing": services.intake_missing_tasks(intake=intake),
        "header_form": IntakeHeaderForm(instance=intake),
        "agency_names": Agency.objects.order_by("name").values_list("name", flat=True),
        "errors": request.session.pop("intake_errors", []),
    })


def _candidate(request: HttpRequest, pk: int) -> tuple[Candidate, int]:
    candidate = get_object_or_404(Candidate.objects.select_related("intake"), pk=pk)
    require_perm(request.user, "documents.add_document", message=_("Chỉ Văn phòng được nhập văn bản."))
    index = candidate.intake.candidates.filter(start__lt=candidate.start).count() + 1
    return candidate, index


@login_required
@require_POST
def candidate_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_intake(request)
    candidate, index = _candidate(request, pk)
    form = CandidateForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.candidate_update(actor=request.user, candidate=candidate, **form.cleaned_data)
            if "accept" in request.POST:
                services.candidate_decide(actor=request.user, candidate=candidate, decision=Candidate.Decision.ACCEPTED)
            form = None
        except ApplicationError as exc:
            error = exc.message
    else:
        error = _("Hãy kiểm tra các ô được đánh dấu.")
    if request.htmx:
        return render(request, "intake/partials/candidate_card.html",
                      _card_context(candidate, index, error, form), status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect(f"{reverse_review(candidate)}#c-{candidate.pk}")


def reverse_review(candidate: Candidate) -> str:
    return reverse("intake:review", args=[candidate.intake_id])


@login_required
@require_POST
def candidate_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    _require_intake(request)
    candidate, index = _candidate(request, pk)
    error = ""
    try:
        services.candidate_decide(actor=request.user, candidate=candidate, decision=decision)
    except ApplicationError as exc:
        error = exc.message
    if request.htmx:
        return render(request, "intake/partials/candidate_card.html", _card_context(candidate, index, error),
                      status=400 if error else 200)
    return redirect(f"{reverse_review(candidate)}#c-{candidate.pk}")


@login_required
@require_POST
def candidate_restructure(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_intake(request)
    candidate, _index = _candidate(request, pk)
    try:
        if action == "merge":
            services.candidate_merge_next(actor=request.user, candidate=candidate)
            messages.success(request, _("Đã gộp với nhiệm vụ đề xuất phía sau."))
        else:
            parts = services.candidate_split(actor=request.user, candidate=candidate)
            messages.success(request, ngettext("Đã tách thành %(count)d nhiệm vụ đề xuất.",
                                               "Đã tách thành %(count)d nhiệm vụ đề xuất.", len(parts))
                             % {"count": len(parts)})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse_review(candidate)}#c-{candidate.pk}")


@login_required
@require_POST
def intake_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_intake(request)
    intake = get_object_or_404(Intake, pk=pk)
    try:
        if action == "accept-all":
            n = services.intake_accept_pending(actor=request.user, intake=intake)
            messages.success(request, ngettext("Đã chấp nhận %(count)d nhiệm vụ đề xuất còn lại.",
                                               "Đã chấp nhận %(count)d nhiệm vụ đề xuất còn lại.", n) % {"count": n})
        elif action == "header":
            form = IntakeHeaderForm(request.POST, instance=Intake.objects.get(pk=pk))
            if not form.is_valid():
                raise ApplicationError(_("Thông tin văn bản chưa hợp lệ: %(errors)s") % {"errors": "; ".join(
                    f"{k}: {' '.join(v)}" for k, v in form.errors.items())})
            services.intake_update_header(actor=request.user, intake=intake, **form.cleaned_data)
            messages.success(request, _("Đã lưu thông tin văn bản."))
        elif action == "add":
            candidate = services.candidate_add(actor=request.user, intake=intake, quote=request.POST.get("quote", ""))
            messages.success(request, _("Đã thêm nhiệm vụ từ đoạn văn bản."))
            return redirect(f"{reverse('intake:review', args=[pk])}#c-{candidate.pk}")
        elif action == "cancel":
            services.intake_cancel(actor=request.user, intake=intake)
            messages.success(request, _("Đã hủy rà soát; không nhiệm vụ nào được tạo."))
            return redirect("intake:upload")
        elif action == "commit":
            done = services.intake_commit_counted(actor=request.user, intake=intake)
            messages.success(request, commit_message(done))
            return redirect("tasks:document", pk=done.document.pk)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        request.session["intake_errors"] = exc.errors
    return redirect("intake:review", pk=pk)


def commit_message(done: services.Committed) -> str:
    """"Đã tạo 12 nhiệm vụ cho …" (and how many a new version updated): the office checks the
    number against the document's."""
    values = {"created": done.created, "updated": done.updated, "document": done.document}
    if done.updated:
        return _("Đã tạo %(created)d nhiệm vụ mới và cập nhật %(updated)d nhiệm vụ theo bản mới của %(document)s.") % values
    return ngettext("Đã tạo %(created)d nhiệm vụ cho %(document)s.",
                    "Đã tạo %(created)d nhiệm vụ cho %(document)s.", done.created) % values
