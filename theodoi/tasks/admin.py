"""The admin reads everything but writes only through the task services.

Reports, their evidence and reviews are workflow records: they change only by reporting,
accepting or returning on the task page, so the admin shows them read-only. Tasks are
created, edited and deleted through `task_create`, `task_update` and `task_delete`, with
the same checks, permission and history as on screen; assignments are edited on the
task's own edit page.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.admin import ReadOnlyAdmin, ReadOnlyInline
from theodoi.core.exceptions import ApplicationError
from theodoi.core.search import BoundedSearchAdmin
from theodoi.tasks import services
from theodoi.tasks.models import Assignment, ProgressReport, ReportEvidence, Task, TaskComment


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["agency", "role"]


@admin.register(Task)
class TaskAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["title", "document", "lead_agency", "domain", "deadline_text", "due_on", "completed_on"]
    list_filter = ["domain", "recurrence", "published", "document"]
    search_fields = ["title"]  # shows the search box; the search itself is the lists' (search_by_key)
    search_by_key = True
    autocomplete_fields = ["lead_agency", "parent", "document"]
    inlines = [AssignmentInline]
    fields = ["document", "row_key", *services.TASK_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Task | None = None) -> list[str]:
        # Which document and table row a task came from is fixed once it exists.
        return ["document", "row_key"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Task, form, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in services.TASK_FIELDS if name in form.cleaned_data}
        reason = _("Sửa trong trang quản trị")
        try:
            if change:
                changed = {name: value for name, value in fields.items() if name in form.changed_data}
                saved = services.task_update(actor=request.user, task=obj, reason=reason, **changed)
            else:
                title = fields.pop("title")
                saved = services.task_create(actor=request.user, document=form.cleaned_data["document"],
                                             title=title, row_key=form.cleaned_data.get("row_key", ""),
                                             reason=reason, **fields)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = saved.pk
        obj.updated_at = saved.updated_at

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """Assignments are read-only here; the services saved everything else."""

    def delete_model(self, request: HttpRequest, obj: Task) -> None:
        try:
            services.task_delete(actor=request.user, task=obj)
        except ApplicationError as exc:
            messages.error(request, exc.message)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> None:
        for task in queryset:
            self.delete_model(request, task)


class EvidenceInline(ReadOnlyInline):
    model = ReportEvidence
    fields = ["original_name", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "agency", "period_start", "period_end", "percent_complete", "state"]
    list_filter = ["state"]
    inlines = [EvidenceInline]


@admin.register(TaskComment)
class TaskCommentAdmin(ReadOnlyAdmin):
    list_display = ["task", "kind", "author", "created_at"]
