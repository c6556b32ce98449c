"""The public portal: no login, only what `visibility.py` lets the public see.

Every page is the same for every visitor (nothing depends on who is asking), so it is
sent with a short public cache lifetime, an ETag and Last-Modified: a browser or proxy
asks again with If-None-Match / If-Modified-Since and gets a 304.
"""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from theodoi.core.exceptions import ApplicationError
from theodoi.core.ratelimit import limit_reached, rate_limited_message
from theodoi.portal import selectors, services
from theodoi.portal.forms import FollowForm, PublicFilterForm
from theodoi.tasks.status import explain

CACHE_SECONDS = 60
PAGE_SIZE = 25

T = TypeVar("T")

conditional = decorator_from_middleware(ConditionalGetMiddleware)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only; cacheable by anyone for a minute; ETag and Last-Modified for revalidation."""
    @require_GET
    @conditional
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
            updated = getattr(response, "data_updated", None)
            if updated is not None:
                response.headers["Last-Modified"] = http_date(updated.timestamp())
        return response
    return wrapper


def _render(request: HttpRequest, template: str, context: dict, *, updated=None) -> HttpResponse:
    context["data_updated"] = updated
    context["statuses"] = selectors.Status.choices
    response = render(request, f"portal/{template}", context)
    response.data_updated = updated  # type: ignore[attr-defined]
    return response


def _found(lookup: Callable[..., T], **kwargs) -> T:
    """What a selector finds, or 404: the selectors find only what the public may see."""
    try:
        return lookup(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def _follow_form(kind: str, target: int) -> FollowForm:
    return FollowForm(initial={"kind": kind, "target": target})


def _marked_text(segments: list) -> str:
    """The programme's text with each public task's words marked and linked to the task.

    Written out here rather than in the template: a programme has thousands of segments,
    and a template loop with a URL look-up per segment was most of the page's time."""
    pattern = reverse("portal:task", args=[0])[:-2]  # "/cong-khai/nhiem-vu/"
    return mark_safe("".join(
        f'<a class="span" href="{pattern}{s.task_ids[0]}/"><mark>{escape(s.text)}</mark></a>' if s.task_ids
        else str(escape(s.text)) for s in segments))  # noqa: S308 (every piece of text is escaped)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    data = selectors.overview()
    return _render(request, "home.html", {"overview": data, "list_url": reverse("portal:tasks"),
                                          "indicators": selectors.indicators()},
                   updated=selectors.last_updated())


@public_page
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    document = _found(selectors.programme, pk=pk)
    page = selectors.programme_page(document=document)
    return _render(request, "programme.html", {"page": page, "document": document,
                                               "marked_text": _marked_text(page.segments),
                                               "follow_form": _follow_form("document", document.pk)},
                   updated=selectors.last_updated(document=document))


def _list(request: HttpRequest, *, agency=None, template: str = "task_list.html", extra: dict | None = None):
    form = PublicFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    document = None
    if data.get("document"):
        document = selectors.visibility.public_documents().filter(pk=data["document"]).first()
    if agency is None and data.get("agency"):
        agency = selectors.visibility.public_agencies().filter(pk=data["agency"]).first()
    tasks = selectors.task_list(q=data.get("q", ""), domain=data.get("domain", ""), status=data.get("status", ""),
                                agency=agency, document=document) if form.is_valid() else selectors.Task.objects.none()
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("trang"))
    today = selectors.today()
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "rows": [(t, explain(t, today=today)) for t in page.object_list],
               "agency": agency, "document": document, "query": query.urlencode(), **(extra or {})}
    return _render(request, template, context, updated=selectors.last_updated())


@public_page
def task_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


@public_page
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found(selectors.agency, pk=pk)
    return _list(request, agency=found, template="agency.html",
                 extra={"follow_form": _follow_form("agency", found.pk)})


@public_page
def task(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found(selectors.task_page, pk=pk)
    today = selectors.today()
    done = found.settled_status in ("done_on_time", "done_late") and found.completed_on is not None
    excerpt = found.source_excerpt if found.source_start is not None else ""
    return _render(request, "task.html", {
        "task": found, "explanation": explain(found, today=today), "notes": selectors.notes_for(task=found),
        "percent": 100 if done else found.percent, "excerpt": excerpt,
        "follow_form": _follow_form("task", found.pk),
    }, updated=selectors.last_updated(task=found))


@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A published evidence file; the name is the one it was uploaded with."""
    item = _found(selectors.evidence, pk=pk)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the portal's language with a plain link (no form, no CSRF cookie: pages stay cacheable)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/cong-khai/"
    response = HttpResponseRedirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        # The portal's own choice, sent to its pages only: the staff screens keep theirs.
        response.set_cookie(settings.PORTAL_LANGUAGE_COOKIE_NAME, code, max_age=365 * 86_400, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE, path=settings.PORTAL_PATH)
    return response


# --- following ------------------------------------------------------------------------

FOLLOWS_PER_CLIENT_PER_HOUR = 20


def _plain(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, f"portal/{template}", context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # a subscription only ever sends a confirmation mail; pages stay cookie-free
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _plain(request, "follow_result.html", {"error": _("Địa chỉ e-mail không hợp lệ.")}, status=400)
    if limit_reached(request, scope="portal-follow", limit=FOLLOWS_PER_CLIENT_PER_HOUR, per_seconds=3600):
        return _plain(request, "follow_result.html", {"error": rate_limited_message()}, status=429)
    try:
        services.follow_request(email=form.cleaned_data["email"], kind=form.cleaned_data["kind"],
                                target_id=form.cleaned_data["target"], language=get_language() or "vi")
    except ApplicationError as exc:
        return _plain(request, "follow_result.html", {"error": exc.message}, status=400)
    return _plain(request, "follow_result.html", {
        "sent": True, "target_url": services.target_url(form.cleaned_data["kind"], form.cleaned_data["target"])})


@login_required
@require_POST
def follow_staff(request: HttpRequest) -> HttpResponse:
    """Staff follow from their own pages with their account's address (no confirmation)."""
    form = FollowForm({**request.POST.dict(), "email": request.user.email})
    if not request.user.email or not form.is_valid():
        messages.error(request, _("Tài khoản của bạn chưa có địa chỉ e-mail."))
    else:
        try:
            services.follow_request(email=request.user.email, kind=form.cleaned_data["kind"],
                                    target_id=form.cleaned_data["target"], language=get_language() or "vi",
                                    actor=request.user)
            messages.success(request, _("Bạn sẽ nhận tin hằng ngày qua e-mail khi có thay đổi."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


@login_required
@require_POST
def unfollow_staff(request: HttpRequest) -> HttpResponse:
    """Staff stop the mail about one object from the page they followed it on."""
    form = FollowForm({**request.POST.dict(), "email": request.user.email or "staff@invalid.example"})
    if form.is_valid():
        services.follow_stop(actor=request.user, kind=form.cleaned_data["kind"],
                             target_id=form.cleaned_data["target"])
        messages.success(request, _("Đã thôi nhận tin qua e-mail về nội dung này."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


@require_GET
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = services.follow_confirm(token=token)
    except ApplicationError as exc:
        return _plain(request, "follow_result.html", {"error": exc.message}, status=400)
    return _plain(request, "follow_result.html", {"confirmed": True,
                                                  "target_url": services.target_url(found.kind, found.target_id)})


@csrf_exempt  # the signed token is the authority; mail programs POST here (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: one button (link scanners in mail systems open links; they must not unsubscribe
    anyone). POST, from that button or a mail program's own button: done, no login."""
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except ApplicationError as exc:
            return _plain(request, "follow_result.html", {"error": exc.message}, status=400)
        return _plain(request, "follow_result.html", {"unsubscribed": True})
    if not services.unsubscribe_token_valid(token):
        return _plain(request, "follow_result.html", {"error": _("Liên kết hủy theo dõi không hợp lệ.")}, status=400)
    return _plain(request, "unsubscribe.html", {"token": token})
