"""Public pages (file a petition, follow it by code) and the staff screens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.audit import history_entries
from theodoi.core.exceptions import ActionNotPermitted, ApplicationError
from theodoi.core.files import attachment_response
from theodoi.core.permissions import perm_view, require_perm
from theodoi.core.ratelimit import limit_reached
from theodoi.petitions import selectors, services
from theodoi.petitions.forms import (
    AnswerForm, AssignForm, DayOffForm, InboxFilterForm, MergeForm, PetitionForm, PublicationForm, ReasonForm, TrackForm,
)
from theodoi.petitions.models import Attachment, DayOff, Petition, State
from theodoi.petitions.uploads import MAX_FILE_BYTES, MAX_FILES, clean_attachment

PAGE_SIZE = 50
# Submissions per client address: a person files one or two; a script is stopped at the sixth.
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 600


# --- public -----------------------------------------------------------------------------

def _form_page(request: HttpRequest, form: PetitionForm, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "petitions/petition_form.html", {"form": form, "error": error}, status=status)


def petition_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, PetitionForm())
    try:
        data, files = request.POST, request.FILES
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        return _form_page(request, PetitionForm(), status=413, error=_(
            "Kiến nghị quá lớn: nội dung tối đa 10.000 ký tự, tối đa %(n)s tệp, mỗi tệp %(mb)s MB. "
            "Chưa có gì được lưu; hãy rút gọn rồi gửi lại.") % {"n": MAX_FILES, "mb": MAX_FILE_BYTES // 2**20})
    # Every attempt counts, valid or not: a script learns nothing by sending rubbish first.
    if limit_reached(request, scope="petition", limit=RATE_LIMIT, per_seconds=RATE_WINDOW_SECONDS):
        return _form_page(request, PetitionForm(), status=429, error=_(
            "Bạn đã gửi nhiều kiến nghị trong thời gian ngắn (tối đa %(n)s trong %(m)s phút). Kiến nghị này chưa "
            "được lưu; vui lòng đợi vài phút rồi gửi lại.") % {"n": RATE_LIMIT, "m": RATE_WINDOW_SECONDS // 60})
    form = PetitionForm(data, files)
    if data.get("website"):
        return _form_page(request, PetitionForm(), status=400, error=_(
            "Không gửi được: ô “Để trống ô này” phải để trống (ô này dùng để chặn gửi tự động)."))
    if not form.is_valid():
        return _form_page(request, form, status=400, error=_("Vui lòng sửa các ô được đánh dấu bên dưới."))
    uploads = files.getlist("files")
    try:
        if len(uploads) > MAX_FILES:
            raise ApplicationError(_("Tối đa %(n)s tệp đính kèm.") % {"n": MAX_FILES})
        cleaned = []
        for upload in uploads:
            if upload.size > MAX_FILE_BYTES:
                raise ApplicationError(_("Tệp '%(name)s' lớn hơn %(mb)s MB.") % {
                    "name": upload.name, "mb": MAX_FILE_BYTES // 2**20})
            cleaned.append(clean_attachment(name=upload.name, data=upload.read()))
        values = form.cleaned_data
        petition = services.petition_submit(
            category=values["category"], title=values["title"], text=values["text"], address=values["address"],
            latitude=values["latitude"], longitude=values["longitude"], contact_name=values["contact_name"],
            contact_phone=values["contact_phone"], contact_email=values["contact_email"], files=cleaned)
    except ApplicationError as exc:
        return _form_page(request, form, status=400, error=exc.message)
    messages.success(request, _("Đã gửi kiến nghị. Mã theo dõi của bạn: %(code)s — hãy ghi lại mã này.") % {
        "code": petition.display_code})
    return redirect("petitions:track", code=petition.code)


def track_lookup(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        petition = selectors.petition_by_code(form.cleaned_data["code"])
        if petition is not None:
            return redirect("petitions:track", code=petition.code)
        form.add_error("code", _("Không tìm thấy kiến nghị với mã này. Hãy kiểm tra lại mã (ví dụ KN-7Q4M-2HXD-9RTA)."))
    return render(request, "petitions/track_lookup.html", {"form": form}, status=404 if form.errors else 200)


def track(request: HttpRequest, code: str) -> HttpResponse:
    petition = selectors.petition_by_code(code)
    if petition is None:
        raise Http404(_("Không tìm thấy kiến nghị với mã này."))
    today = timezone.localdate()
    return render(request, "petitions/track.html", {
        "petition": petition, "overdue": petition.is_overdue(today),
        "show_answer": petition.state in (State.ANSWERED, State.CLOSED) and petition.answer_public and petition.answer,
    })


# --- staff ------------------------------------------------------------------------------

@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    if not (request.user.has_perm("petitions.view_inbox") or request.user.has_perm("petitions.view_agency_list")):
        raise ActionNotPermitted(_("Bạn không có quyền xem danh sách kiến nghị."))
    form = InboxFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    agency = values.get("agency")
    queryset = selectors.petition_list(
        user=request.user, state=values.get("state", ""), category=values.get("category", ""),
        agency=agency.pk if agency else None, overdue=bool(values.get("overdue")), today=today)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "petitions/inbox.html", {
        "form": form, "page": page, "today": today, "rows": [(p, p.is_overdue(today)) for p in page.object_list],
        "whole_inbox": request.user.has_perm("petitions.view_inbox"),
        "query": _without_page(request),
    })


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _visible(request: HttpRequest, pk: int) -> Petition:
    petition = get_object_or_404(selectors.petitions_visible_to(user=request.user), pk=pk)
    require_perm(request.user, "petitions.view_petition", petition)
    return petition


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _visible(request, pk)
    today = timezone.localdate()
    return render(request, "petitions/detail.html", {
        "petition": petition, "overdue": petition.is_overdue(today),
        "see_contact": request.user.has_perm("petitions.view_contact", petition),
        "attachments": petition.attachments.all(),
        "history": history_entries(petition.history.all(), label=_("kiến nghị")),
        "assign_form": AssignForm(initial={"agency": (petition.proposals[0]["agency_id"] if petition.proposals
                                                     else None) if petition.agency_id is None else petition.agency_id}),
        "reason_form": ReasonForm(), "answer_form": AnswerForm(initial={"answer": petition.answer}),
        "publication_form": PublicationForm(initial={"public": petition.answer_public}),
        "merge_form": MergeForm(),
        # Object rules: the template cannot ask `perms` about this petition.
        "can": {name: request.user.has_perm(f"petitions.{name}", petition) for name in (
            "assign_petition", "reject_petition", "merge_petition", "answer_petition", "hand_back_petition",
            "close_petition", "decide_publication")},
    })


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = _visible(request, pk)
    user = request.user
    try:
        if action == "assign":
            form = AssignForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Hãy chọn cơ quan xử lý."))
            services.petition_assign(petition=petition, agency=form.cleaned_data["agency"], actor=user,
                                     note=form.cleaned_data["note"])
        elif action in ("hand_back", "reject"):
            reason = request.POST.get("reason", "")[:2000]
            service = services.petition_hand_back if action == "hand_back" else services.petition_reject
            service(petition=petition, actor=user, reason=reason)
        elif action == "start":
            services.petition_start(petition=petition, actor=user)
        elif action == "answer":
            services.petition_answer(petition=petition, actor=user, answer=request.POST.get("answer", ""))
        elif action == "close":
            services.petition_close(petition=petition, actor=user)
        elif action == "publication":
            services.petition_set_publication(petition=petition, actor=user, public=bool(request.POST.get("public")),
                                              reason=request.POST.get("reason", "")[:2000])
        elif action == "merge":
            into = selectors.petition_by_code(request.POST.get("into", ""))
            if into is None:
                raise ApplicationError(_("Không tìm thấy kiến nghị với mã đã nhập."))
            services.petition_merge(petition=petition, into=into, actor=user)
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật kiến nghị."))
    if not user.has_perm("petitions.view_petition", Petition.objects.get(pk=petition.pk)):
        return redirect("petitions:inbox")  # handed back: no longer the agency's
    return redirect("petitions:detail", pk=petition.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("petition"), pk=pk)
    petition = _visible(request, attachment.petition_id)
    require_perm(request.user, "petitions.view_contact", petition)
    return attachment_response(attachment.file, filename=attachment.name,
                               missing_message=_("Tệp không còn trên máy chủ."))


@perm_view("petitions.add_day_off")
def day_off(request: HttpRequest) -> HttpResponse:
    form = DayOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.day_off_add(day=form.cleaned_data["day"], reason=form.cleaned_data["reason"], actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã thêm ngày nghỉ."))
            return redirect("petitions:day_off")
    return render(request, "petitions/day_off.html", {"form": form, "days": DayOff.objects.all()})
