"""Consultation pages. Reading and commenting need no account (`/gop-y/`); running a
consultation is the office's (`/gop-y/quan-ly/`). Views parse, check and call services."""

import hashlib
import hmac

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.consultations import selectors, services
from theodoi.consultations.exports import summary_docx, summary_xlsx
from theodoi.consultations.forms import CommentForm, ConsultationForm, HideForm, ResponseForm, VersionForm
from theodoi.consultations.models import Comment, Consultation
from theodoi.core.actions import post_action
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import perm_view, require_perm
from theodoi.core.ratelimit import limit_reached, rate_limited_message
from theodoi.core.uploads import check_upload_size
from theodoi.documents.services import document_by_number

# Public writes per client address: enough for a person, not for a script.
COMMENTS_PER_HOUR = 20
SUPPORTS_PER_HOUR = 60


def _client_key(request: HttpRequest) -> str:
    """A keyed hash of the browser's session: tells one visitor's comments apart (first-time
    comments, one support per comment) without storing who they are."""
    if not request.session.session_key:
        request.session["consultation_visitor"] = True
        request.session.save()
    key = request.session.session_key or ""
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "consultations/list.html", {"consultations": selectors.public_consultations()})


def consultation_detail(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("drafting_agency", "adopted_document"), pk=pk)
    latest = selectors.latest_version(consultation)
    version = latest if number is None else get_object_or_404(consultation.versions, number=number)
    current = version.pk == latest.pk
    return render(request, "consultations/detail.html", {
        "consultation": consultation, "version": version, "latest": latest, "current": current,
        "sections": selectors.version_sections(version, current=current),
        "versions": consultation.versions.order_by("number"),
        "form": CommentForm(), "can_comment": current and consultation.is_open(),
    })


def _back_to_section(consultation: Consultation, key: str) -> HttpResponse:
    response = redirect("consultations:detail", pk=consultation.pk)
    response["Location"] += f"#phan-{key}"
    return response


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    try:
        key = request.POST.get("section_key", "")[:80]
    except RequestDataTooBig:
        # Over DATA_UPLOAD_MAX_MEMORY_SIZE: refused before anything is read into memory.
        messages.error(request, _("Góp ý quá dài: hãy rút gọn dưới %(limit)s ký tự.") % {
            "limit": f"{services.MAX_COMMENT_CHARS:,}".replace(",", ".")})
        return render(request, "consultations/refused.html", {"consultation": consultation}, status=413)
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(pk=request.POST["parent"] if request.POST["parent"].isdigit() else 0,
                                        consultation=consultation).first()
    if limit_reached(request, scope="consultation-comment", limit=COMMENTS_PER_HOUR, per_seconds=3600):
        messages.error(request, rate_limited_message())
        return render(request, "consultations/refused.html", {"consultation": consultation}, status=429)
    form = CommentForm(request.POST)
    if not form.is_valid() or form.cleaned_data["website"]:
        # The honeypot was filled, or a field is over its limit: nothing is stored.
        messages.error(request, _("Không gửi được góp ý: %(errors)s") % {
            "errors": " ".join(str(e) for errors in form.errors.values() for e in errors) or _("biểu mẫu không hợp lệ.")})
        return _back_to_section(consultation, key)
    try:
        comment = services.comment_add(
            consultation=consultation, section_key=key, parent=parent, client_key=_client_key(request),
            **{name: form.cleaned_data[name] for name in ("text", "author_name", "contact")},
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _back_to_section(consultation, key)
    if comment.state == Comment.State.PENDING:
        messages.success(request, _("Đã nhận góp ý. Góp ý sẽ hiện sau khi Văn phòng kiểm duyệt; theo dõi tại đường dẫn "
                                    "riêng bên dưới."))
    else:
        messages.success(request, _("Đã đăng góp ý."))
    return redirect("consultations:mine", token=comment.author_token)


def comment_mine(request: HttpRequest, token: str) -> HttpResponse:
    """The author's own link: the comment's state and, if hidden, why."""
    comment = get_object_or_404(Comment.objects.select_related("consultation", "section__version"), author_token=token)
    return render(request, "consultations/mine.html", {"comment": comment})


@require_POST
def comment_support(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=pk)
    if limit_reached(request, scope="consultation-support", limit=SUPPORTS_PER_HOUR, per_seconds=3600):
        messages.error(request, rate_limited_message())
        return render(request, "consultations/refused.html", {"consultation": comment.consultation}, status=429)
    try:
        if services.comment_support(comment=comment, client_key=_client_key(request)):
            messages.success(request, _("Đã ghi nhận ủng hộ góp ý."))
        else:
            messages.info(request, _("Bạn đã ủng hộ góp ý này."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back_to_section(comment.consultation, comment.section_key)


# --- the office ---------------------------------------------------------------------------

def _read_upload(request: HttpRequest, form) -> tuple[str, bytes]:
    upload = form.cleaned_data["file"]
    check_upload_size(name=upload.name, size=upload.size)
    return upload.name, upload.read()


@perm_view("consultations.add_consultation")
def manage(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            name, data = _read_upload(request, form)
            fields = {k: form.cleaned_data[k] for k in ("title", "summary", "drafting_agency", "opens_on", "closes_on")}
            consultation = services.consultation_create(actor=request.user, name=name, data=data, **fields)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã đăng dự thảo để lấy ý kiến."))
            return redirect("consultations:moderate", pk=consultation.pk)
    return render(request, "consultations/manage.html", {
        "form": form, "consultations": selectors.public_consultations()})


# The office's pages and actions: the role is checked before the consultation or comment is
# looked up (as on every staff page), so a user without it is refused alike whether or not
# the id exists (403), and only the office learns that one does not (404).
@perm_view("consultations.moderate_comment")
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return render(request, "consultations/moderate.html", {
        "consultation": consultation, "comments": selectors.comments_for_moderation(consultation),
        "version_form": VersionForm(), "hide_form": HideForm(),
        "summary": selectors.consultation_summary(consultation), "response_form": ResponseForm(),
    })


@perm_view("consultations.moderate_comment")
@require_POST
def moderate_comment(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("dang", "an"):
        raise Http404
    comment = get_object_or_404(Comment, pk=pk)
    try:
        if action == "dang":
            services.comment_publish(actor=request.user, comment=comment)
            messages.success(request, _("Đã đăng góp ý."))
        else:
            form = HideForm(request.POST)
            services.comment_hide(actor=request.user, comment=comment,
                                  reason=form.data.get("reason", "") if form.is_bound else "")
            messages.success(request, _("Đã ẩn góp ý."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("consultations:moderate", pk=comment.consultation_id)


# The office's POSTs on one consultation (the services check permission): back on its
# moderation page, with the message the view returns or the refusal.
def _managed(request: HttpRequest, pk: int) -> Consultation:
    require_perm(request.user, "consultations.change_consultation")
    return get_object_or_404(Consultation, pk=pk)


moderation_action = post_action(_managed, lambda consultation: redirect("consultations:moderate", pk=consultation.pk))


@moderation_action
def version_create(request: HttpRequest, consultation: Consultation) -> str:
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ApplicationError(_("Hãy chọn tệp bản dự thảo mới."))
    name, data = _read_upload(request, form)
    version = services.version_add(actor=request.user, consultation=consultation, name=name, data=data,
                                   note=form.cleaned_data["note"])
    return _("Đã đăng bản dự thảo số %(n)s.") % {"n": version.number}


@moderation_action
def response_create(request: HttpRequest, consultation: Consultation) -> str:
    form = ResponseForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("Hãy ghi nội dung tiếp thu, giải trình."))
    ids = [int(i) for i in request.POST.getlist("comments") if i.isdigit() and len(i) < 19]
    services.response_add(actor=request.user, consultation=consultation, comment_ids=ids,
                          **{k: form.cleaned_data[k] for k in ("section_key", "kind", "text")})
    return _("Đã ghi nội dung tiếp thu, giải trình.")


@moderation_action
def adopt(request: HttpRequest, consultation: Consultation) -> str:
    number = request.POST.get("number", "").strip()[:64]
    document = document_by_number(number) if number else None
    if number and document is None:
        raise ApplicationError(_("Không có văn bản số %(number)s trong hệ thống.") % {"number": number})
    services.consultation_adopt(actor=request.user, consultation=consultation, document=document)
    return _("Đã cập nhật văn bản được ban hành.")


@perm_view("consultations.view_summary")
def summary_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    if fmt == "docx":
        data = summary_docx(consultation)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data = summary_xlsx(consultation)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-gop-y-{consultation.pk}.{fmt}"'
    return response
