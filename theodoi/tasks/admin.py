from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.search import BoundedSearchAdmin
from theodoi.tasks.models import Assignment, ProgressReport, ReportEvidence, Task, TaskComment


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(Task)
class TaskAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["title", "document", "lead_agency", "domain", "deadline_text", "due_on", "completed_on"]
    list_filter = ["domain", "recurrence", "published", "document"]
    search_fields = ["title", "search_text"]
    autocomplete_fields = ["lead_agency", "parent", "document"]
    inlines = [AssignmentInline]


class EvidenceInline(admin.TabularInline):
    model = ReportEvidence
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "agency", "period_start", "period_end", "percent_complete", "state"]
    list_filter = ["state"]
    autocomplete_fields = ["task", "agency"]
    inlines = [EvidenceInline]


@admin.register(TaskComment)
class TaskCommentAdmin(admin.ModelAdmin):
    list_display = ["task", "kind", "author", "created_at"]
