"""Thin views: parse the request, check permission, call a selector or service, render."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from theodoi.core.actions import post_action
from theodoi.core.audit import history_entries
from theodoi.core.exceptions import ApplicationError
from theodoi.core.pagecache import page_content, reads_query
from theodoi.core.uploads import check_upload_size
from theodoi.core.permissions import perm_view, require_perm
from theodoi.agencies.selectors import successors_for_request, user_agency, user_agency_ids
from theodoi.documents.selectors import documents_visible_to, text_segments
from theodoi.tasks import selectors, services
from theodoi.tasks.downloads import evidence_response
from theodoi.tasks.filters import TaskFilter
from theodoi.tasks.forms import CommentForm, ImportForm, ProgressReportForm, ReturnReportForm, TaskForm
from theodoi.tasks.importing import import_task_file
from theodoi.tasks.models import Assignment, ProgressReport, Task
from theodoi.tasks.periods import reporting_periods
from theodoi.tasks.status import Status, explain, owed_report, period_due

PAGE_SIZE = 50


# Logged in (else the login page), then allowed to see tasks (else 403).
staff_view = perm_view("tasks.view_task")


def task_view(action: str | None = None) -> Callable:
    """The prologue of every view on one task, in one place: logged in, allowed to see tasks,
    the task among those the user may see (else 404), then allowed `action` on it (else 403).
    The view receives the task instead of its id."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @staff_view
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
            task = get_object_or_404(selectors.tasks_visible_to(user=request.user), pk=pk)
            if action:
                require_perm(request.user, action, task)
            return view(request, task, *args, **kwargs)
        return wrapper
    return decorate


@staff_view
@reads_query("theo")
def dashboard(request: HttpRequest) -> HttpResponse:
    group_by_today = request.GET.get("theo") == "hien-nay"

    def context() -> dict:
        data = selectors.dashboard(user=request.user, group_by_today=group_by_today,
                                   successors=successors_for_request(request))
        today = timezone.localdate()
        return {
            "data": data,
            "group_by_today": group_by_today,
            "statuses": Status.choices,
            "status_counts": [(code, label, data.by_status.get(code, 0)) for code, label in Status.choices],
            # Reversed once: the page links to the list some two hundred times.
            "list_url": reverse("tasks:list"),
            "overdue": [(t, explain(t, today=today)) for t in data.overdue],
            "today": today,
        }

    # Kept per version of the data, day, language and user (core/pagecache.py).
    return render(request, "tasks/dashboard.html",
                  {"content": page_content(request, "tasks/dashboard_content.html", context)})


@staff_view
@reads_query(*TaskFilter.base_filters, "page")
def task_list(request: HttpRequest) -> HttpResponse:
    def context() -> dict:
        # Counted from the kept counts when the filters allow, so the page does not count every task.
        task_filter, tasks = selectors.task_list_rows(user=request.user, filters=request.GET)
        page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
        today = timezone.localdate()
        return {
            "filter": task_filter,
            "page": page,
            "rows": [(t, explain(t, today=today)) for t in page.object_list],
            "query": _query_without_page(request),
            "export_links": True,
            # Filtered to one agency, the list is that agency's page: the rows offer to follow it.
            "follow_agency": task_filter.form.cleaned_data.get("agency") if task_filter.form.is_valid() else None,
        }

    # htmx asks for the rows alone; either is kept per version of the data (core/pagecache.py).
    if request.htmx:
        return HttpResponse(page_content(request, "tasks/partials/task_rows.html", context))
    return render(request, "tasks/task_list.html",
                  {"content": page_content(request, "tasks/task_list_content.html", context)})


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@staff_view
def task_export(request: HttpRequest, kind: str) -> HttpResponse:
    """The task list, filtered as on screen, as an appendix table (XLSX or CSV)."""
    from theodoi.tasks import exports
    from theodoi.tasks.tables import MAX_ROWS

    if kind not in EXPORT_TYPES:
        raise Http404
    task_filter, queryset = selectors.task_list(user=request.user, filters=request.GET)
    if not request.GET.get("sort"):
        queryset = queryset.order_by("document_id", "id")  # the appendix's own order
    count = queryset.count()
    if count > MAX_ROWS:
        messages.error(request, _("Danh sách có %(count)s nhiệm vụ, quá giới hạn xuất %(max)s; hãy lọc bớt.")
                       % {"count": count, "max": MAX_ROWS})
        return redirect(f"{reverse('tasks:list')}?{_query_without_page(request)}")
    rows = exports.export_rows(queryset)
    data = exports.to_xlsx(rows) if kind == "xlsx" else exports.to_csv(rows)
    response = HttpResponse(data, content_type=EXPORT_TYPES[kind])
    name = f"nhiem-vu-{timezone.localdate():%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@staff_view
@reads_query("page")
def my_tasks(request: HttpRequest) -> HttpResponse:
    def context() -> dict:
        today = timezone.localdate()
        # Both sections are bounded: a large agency leads thousands of tasks.
        mine = selectors.my_tasks_screen(user=request.user, page=request.GET.get("page"), per_page=PAGE_SIZE,
                                         today=today)
        return {
            "agency": user_agency(request.user),
            "agency_ids": user_agency_ids(request.user),  # its own and the bodies it succeeded: the rows' role
            "due_now": [(t, owed_report(t, today=today, sent=t.pk in mine.sent_this_period)) for t in mine.due_now],
            "due_now_count": mine.due_now_count,
            "page": mine.page,
            "rows": [(t, explain(t, today=today)) for t in mine.page.object_list],
        }

    # Kept per version of the data, day, language and user (core/pagecache.py).
    return render(request, "tasks/my_tasks.html",
                  {"content": page_content(request, "tasks/my_tasks_content.html", context)})


def _report_form(task: Task, data=None, files=None, *, user=None, draft: bool = False) -> ProgressReportForm:
    """The report form; unbound (a fresh page) it holds the draft or returned report the
    user's agency has still to send, else it preselects the period the report is owed for."""
    today = timezone.localdate()
    periods = reporting_periods(task.recurrence, today)
    initial = None
    if data is None:
        initial = {"period": period_due(task, today=today).key}
        unfinished = _report_to_finish(task, user) if user is not None else None
        period = next((p for p in periods if unfinished is not None and p.start == unfinished.period_start), None)
        if unfinished is not None and period is not None:
            initial = {"period": period.key, "percent_complete": unfinished.percent_complete,
                       "narrative": unfinished.narrative}
    return ProgressReportForm(data, files, periods=periods, initial=initial, draft=draft)


def _report_to_finish(task: Task, user) -> ProgressReport | None:
    if not user.has_perm("tasks.report_on_task", task):
        return None
    try:
        agency = services.reporting_agency_for(actor=user, task=task)
    except ApplicationError:  # no agency to report as: nothing of its own to finish
        return None
    return selectors.report_to_finish(task=task, agency=agency)


@staff_view
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        task = selectors.task_detail(user=request.user, pk=pk)
    except Task.DoesNotExist:
        return render(request, "404.html", {"message": _("Không tìm thấy nhiệm vụ.")}, status=404)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


def _detail_context(request: HttpRequest, task: Task, **extra) -> dict:
    today = timezone.localdate()
    children, rolled_up = selectors.task_children_progress(task=task, today=today)
    spans = [(task.source_start, task.source_end, task.pk)] if task.source_start is not None else []
    history = history_entries(task.history.all(), label=pgettext("one task", "Nhiệm vụ")) + history_entries(
        Assignment.history.filter(task_id=task.pk), label=_("Phân công")
    )
    if selectors.may_see_report_internals(user=request.user, task=task):
        # A report's history holds its drafts and returned versions: working papers.
        history += history_entries(ProgressReport.history.filter(task_id=task.pk), label=_("Báo cáo"))
    history.sort(key=lambda e: e.when, reverse=True)
    context = {
        "task": task,
        "explanation": explain(task, today=today),
        "segments": text_segments(task.document.text, spans, focus=task.pk) if spans else [],
        "reports": list(selectors.reports_for_task(user=request.user, task=task)),
        "children": [(c, explain(c, today=today)) for c in children],
        "rolled_up": rolled_up,
        "comments": list(task.comments.select_related("author")),
        "history": history[:100],
        "can_report": request.user.has_perm("tasks.report_on_task", task),
        "can_review": request.user.has_perm("tasks.review_report", task),
        "can_comment": request.user.has_perm("tasks.comment_task", task),
        "can_edit": request.user.has_perm("tasks.change_task", task),
        "can_publish": request.user.has_perm("tasks.publish_task", task),
        "report_form": _report_form(task, user=request.user),
        "period_due": period_due(task, today=today),
        "comment_form": CommentForm(),
        "return_form": ReturnReportForm(),
    }
    context.update(extra)
    return context


@task_view("tasks.report_on_task")
@require_POST
def report_submit(request: HttpRequest, task: Task) -> HttpResponse:
    draft = "save_draft" in request.POST
    form = _report_form(task, request.POST, request.FILES, draft=draft)
    error = None
    if form.is_valid():
        try:
            services.report_submit(
                actor=request.user, task=task, period=form.cleaned_period(),
                percent_complete=form.cleaned_data["percent_complete"],
                narrative=form.cleaned_data["narrative"],
                evidence=[f for f in [form.cleaned_data.get("evidence")] if f],
                draft=draft,
            )
            messages.success(request, _("Đã lưu nháp.") if draft else _("Đã gửi báo cáo tiến độ."))
            return redirect("tasks:detail", pk=task.pk)
        except ApplicationError as exc:
            error = exc.message
    task = selectors.task_detail(user=request.user, pk=task.pk)
    return render(request, "tasks/task_detail.html",
                  _detail_context(request, task, report_form=form, report_error=error), status=400)


def _report_to_review(request: HttpRequest, report_pk: int) -> ProgressReport:
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=report_pk)
    require_perm(request.user, "tasks.review_report", report.task)
    return report


# The office's POSTs on one progress report: back on the task page, with the message the
# view returns or the service's refusal.
report_action = post_action(_report_to_review, lambda report: redirect("tasks:detail", pk=report.task_id))


@report_action
def report_accept(request: HttpRequest, report: ProgressReport) -> str:
    services.report_accept(actor=request.user, report=report, public_note=request.POST.get("public_note", ""),
                           evidence_published=request.POST.get("evidence_published") == "1")
    return _("Đã tiếp nhận báo cáo.")


@report_action
def report_return(request: HttpRequest, report: ProgressReport) -> str:
    form = ReturnReportForm(request.POST)
    services.report_return(actor=request.user, report=report, reason=form.data.get("reason", ""))
    return _("Đã trả lại báo cáo để cơ quan bổ sung.")


@task_view("tasks.publish_task")
@require_POST
def task_publish(request: HttpRequest, task: Task) -> HttpResponse:
    published = request.POST.get("published") == "1"
    try:
        services.task_publish(actor=request.user, task=task, published=published)
        messages.success(request, _("Đã công khai nhiệm vụ.") if published else _("Đã thôi công khai nhiệm vụ."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("tasks:detail", pk=task.pk)


@report_action
def report_public_note(request: HttpRequest, report: ProgressReport) -> str:
    """The office chooses what the public portal shows of an accepted report."""
    services.report_publish_note(actor=request.user, report=report, note=request.POST.get("public_note", ""),
                                 evidence_published=request.POST.get("evidence_published") == "1")
    return _("Đã lưu nội dung công khai của báo cáo.")


@task_view("tasks.comment_task")
@require_POST
def comment_add(request: HttpRequest, task: Task) -> HttpResponse:
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, task=task, body=form.cleaned_data["body"],
                                 kind=form.cleaned_data["kind"])
            messages.success(request, _("Đã ghi ý kiến."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Nội dung ý kiến không được để trống."))
    return redirect("tasks:detail", pk=task.pk)


@task_view("tasks.change_task")
def task_edit(request: HttpRequest, task: Task) -> HttpResponse:
    pk = task.pk
    coordinating = [a.agency_id for a in task.assignments.all() if a.role == Assignment.Role.COORDINATING]
    if request.method == "POST":
        form = TaskForm(request.POST, instance=Task.objects.get(pk=pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("coordinating", "version")}
            try:
                services.task_update(actor=request.user, task=task, version=form.cleaned_data["version"],
                                     coordinating=form.cleaned_data["coordinating"], **data)
                messages.success(request, _("Đã lưu nhiệm vụ."))
                return redirect("tasks:detail", pk=pk)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
    else:
        form = TaskForm(instance=task, initial={"coordinating": coordinating, "version": task.updated_at})
    return render(request, "tasks/task_form.html", {"form": form, "task": task},
                  status=400 if request.method == "POST" else 200)


@task_view("tasks.delete_task")
@require_POST
def task_delete(request: HttpRequest, task: Task) -> HttpResponse:
    pk = task.pk
    try:
        services.task_delete(actor=request.user, task=task)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("tasks:detail", pk=pk)
    messages.success(request, _("Đã xóa nhiệm vụ."))
    return redirect("tasks:document", pk=task.document_id)


@login_required
def task_import(request: HttpRequest, document_pk: int) -> HttpResponse:
    require_perm(request.user, "tasks.import_tasks")
    document = get_object_or_404(documents_visible_to(user=request.user), pk=document_pk)
    require_perm(request.user, "tasks.import_tasks", document)
    errors: list[str] = []
    message = ""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(name=upload.name, size=upload.size)  # before reading it into memory
            result = import_task_file(actor=request.user, document=document, name=upload.name, data=upload.read())
            messages.success(
                request,
                _("Đã nhập: %(created)d nhiệm vụ mới, %(updated)d cập nhật, %(unchanged)d không đổi.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("tasks:document", pk=document.pk)
        except ApplicationError as exc:
            message, errors = exc.message, exc.errors
    return render(request, "tasks/task_import.html",
                  {"form": form, "document": document, "message": message, "errors": errors},
                  status=400 if errors or message else 200)




@staff_view
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files are served only to those who may see the task's working papers
    (`tasks.view_report_internals`), never from a public URL."""
    return evidence_response(selectors.evidence_for_download, user=request.user, pk=pk)
