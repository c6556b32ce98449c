import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from theodoi.core.audit import audit_trail
from theodoi.agencies.models import Agency
from theodoi.lib.files import type_of_name
from theodoi.lib.text import nfc, search_key, strip_format_chars
from theodoi.documents.models import Document
from theodoi.extraction.domains import DOMAIN_LABELS


# The taxonomy lives with the extractor (plain Python), which classes tasks by it.
Domain = models.TextChoices(
    "Domain", [(code.upper().replace("-", "_"), (code, _(label))) for code, label in DOMAIN_LABELS.items()])


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    ANNUAL = "annual", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")
    CONTINUOUS = "continuous", _("Thường xuyên")


# `Task.status_changes_on` of a row nobody has settled yet (bulk loads, old rows after the
# migration): before any "today", so the next read settles it.
UNSETTLED = dt.date(1, 1, 1)


class Task(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("nhiệm vụ cha"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Stable key of the row a task came from (e.g. the STT of an imported table), so that
    # importing a revised table updates its tasks instead of duplicating them.
    row_key = models.CharField(_("mã dòng nguồn"), max_length=100, blank=True)
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    source_start = models.PositiveIntegerField(_("vị trí đầu trong văn bản"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("vị trí cuối trong văn bản"), null=True, blank=True)
    domain = models.CharField(_("lĩnh vực"), max_length=32, choices=Domain.choices, default=Domain.CHUNG)
    lead_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ trì"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_tasks",
    )
    output = models.TextField(_("sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn (như văn bản ghi)"), max_length=200, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurrence = models.CharField(
        _("tính chất thời hạn"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    weight = models.DecimalField(
        _("trọng số"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Dùng khi tính tiến độ của nhiệm vụ cha; để trống thì tính bình quân."),
    )
    published = models.BooleanField(_("công khai"), default=False)
    search_text = models.TextField(_("nội dung tìm kiếm"), editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    # The status rule's answer (theodoi/tasks/status.py), stored so that lists and dashboards
    # do not evaluate the rule over every task and report on each request. Written only by
    # `status.settle()`: after every write, and again once today reaches `status_changes_on`,
    # the first day on which the rule could answer differently with no write at all (NULL:
    # never). `manage.py check_status` recomputes all of it from the rule.
    settled_status = models.CharField(_("tình trạng đã lưu"), max_length=16, editable=False, default="open_on_time")
    settled_reason = models.CharField(_("lý do tình trạng đã lưu"), max_length=24, editable=False, default="not_due")
    status_changes_on = models.DateField(_("ngày tính lại tình trạng"), null=True, editable=False, default=UNSETTLED)

    history = audit_trail(
        excluded_fields=["search_text", "updated_at", "settled_status", "settled_reason", "status_changes_on"]
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["document_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "row_key"], condition=~Q(row_key=""), name="task_row_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(source_start__isnull=True) | Q(source_end__gte=F("source_start")),
                name="task_source_span_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["due_on"]),
            models.Index(fields=["domain"]),
            models.Index(fields=["recurrence", "completed_on"]),
            # "Which stored statuses are due to be settled again today?"
            models.Index(fields=["status_changes_on"], name="task_status_changes_on"),
            # The overdue list and the status filter, in the lists' default order.
            models.Index(fields=["settled_status", "due_on", "id"], name="task_settled_status_due"),
            # "Việc của tôi": an agency's tasks in the lists' order, all or by status, from the index alone.
            models.Index(fields=["lead_agency", "settled_status", "due_on"], name="task_lead_status_due"),
            # The dashboard's counts by domain and by lead agency, read from the index alone.
            models.Index(fields=["domain", "lead_agency", "settled_status"], name="task_domain_agency_status"),
            # The public portal's counts per published programme, read from the index alone.
            models.Index(fields=["document", "published", "domain", "lead_agency", "settled_status"],
                         name="task_public_counts"),
            # "When did the public data last change?": the newest row, read backwards.
            models.Index(fields=["updated_at", "published", "document"], name="task_updated_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def prepare_to_save(self) -> None:
        """What every write of a task row does first (`save`, and the bulk insert of an import)."""
        # A title pasted from a web page may carry zero-width characters: invisible, yet
        # they split words for search and make two equal titles differ.
        self.title = strip_format_chars(nfc(self.title))
        self.search_text = search_key(" ".join([self.title, self.description, self.output]))
        # Whatever changed, the stored status is settled again: by the service right after
        # this save, or by the next read if the row was written some other way.
        self.status_changes_on = UNSETTLED

    def save(self, *args, **kwargs) -> None:
        self.prepare_to_save()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text", "status_changes_on"}
        super().save(*args, **kwargs)

    @property
    def domain_label(self) -> str:
        """`get_domain_display()` without rebuilding the choices (once per row of a list)."""
        try:
            return Domain(self.domain).label
        except ValueError:
            return self.domain

    @property
    def source_excerpt(self) -> str:
        if self.source_start is None or self.source_end is None:
            return ""
        return self.document.text[self.source_start:self.source_end]


class TaskCount(models.Model):
    """A change to the number of tasks with this (domain, lead agency, stored status).

    Written only by database triggers on the task table (see tasks/counts.py); the sum of
    `n` per key is the number of tasks. Not a foreign key: a ledger row outlives nothing.
    """

    domain = models.CharField(_("lĩnh vực"), max_length=32)
    lead_agency_id = models.BigIntegerField(_("mã cơ quan chủ trì"), null=True)
    status = models.CharField(_("tình trạng"), max_length=16)
    n = models.IntegerField(_("số nhiệm vụ tăng, giảm"))

    class Meta:
        verbose_name = _("số nhiệm vụ theo nhóm")
        verbose_name_plural = _("số nhiệm vụ theo nhóm")
        # An agency's counts ("Việc của tôi") without reading the whole ledger. Rows are
        # only inserted and deleted, never updated, so `n` can sit in the index.
        indexes = [models.Index(fields=["lead_agency_id", "status", "n"], name="taskcount_agency_status")]


class TaskInvolvement(models.Model):
    """An agency involved in a task (`tasks.rules.involving`: the task's primary lead, or an
    assignment as co-lead or coordinating), with the task's due date and stored status.

    "Việc của tôi" pages an agency's tasks in the lists' order from one index range of this
    table instead of merging and sorting all of them. Written only by database triggers on
    the task and assignment tables (tasks/involvement.py); `manage.py check_status` derives
    it again from the tasks and assignments. Not foreign keys, like `TaskCount`.
    """

    agency_id = models.BigIntegerField(_("mã cơ quan"))
    task_id = models.BigIntegerField(_("mã nhiệm vụ"))
    due_on = models.DateField(_("hạn hoàn thành"), null=True)
    status = models.CharField(_("tình trạng"), max_length=16)
    lead = models.BooleanField(_("chủ trì chính"))  # the agency is the task's primary lead (`Task.lead_agency`)
    assigned = models.BooleanField(_("được phân công"))  # the agency has an `Assignment` on the task

    class Meta:
        verbose_name = _("cơ quan liên quan đến nhiệm vụ")
        verbose_name_plural = _("cơ quan liên quan đến nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["task_id", "agency_id"], name="involvement_unique")]
        indexes = [
            # One agency's tasks in the lists' order, the status at hand to filter on.
            models.Index(fields=["agency_id", "due_on", "task_id", "status"], name="involvement_agency_due"),
            # How many tasks an agency is involved in other than as the primary lead, by status
            # (those it leads are counted by `TaskCount`). Partial: SQLite reads an index on
            # "NOT lead" only so.
            models.Index(fields=["agency_id", "status"], condition=Q(lead=False), name="involvement_agency_not_lead"),
        ]


class PeriodVerdict(models.Model):
    """A task's verdict for one closed ranking period, as `status.period_verdict` gives it.

    Only for the periods listed in `SettledPeriod` and only for the tasks falling due in
    them (no row: not due). Kept by `status.settle` in every write; `check_status`
    recomputes it. No database foreign key: a ranking that stores a period reads every
    task without locking it, and a key check would wait on a writer's row lock while
    that writer waits for the ranking (see `status.settle_period_verdicts`); deleting a
    task through Django still deletes its rows.
    """

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="period_verdicts",
                             db_constraint=False)
    period = models.CharField(_("kỳ"), max_length=7)  # Period.key: "2025-Q4" or "2025"
    verdict = models.CharField(_("kết quả"), max_length=16)  # a status.Status value

    class Meta:
        verbose_name = _("kết quả nhiệm vụ trong kỳ")
        verbose_name_plural = _("kết quả nhiệm vụ trong kỳ")
        constraints = [models.UniqueConstraint(fields=["period", "task"], name="period_verdict_once")]


class SettledPeriod(models.Model):
    """A closed period whose verdicts are stored for every task (`PeriodVerdict`)."""

    period = models.CharField(_("kỳ"), max_length=7, unique=True)
    settled_at = models.DateTimeField(_("lúc lưu kết quả"), auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ đã lưu kết quả")
        verbose_name_plural = _("kỳ đã lưu kết quả")


class Assignment(models.Model):
    """An agency other than the primary lead that is assigned to a task.

    `Task.lead_agency` is the primary lead (counted on dashboards); rows with role LEAD
    are further lead agencies named in the same cell ("Các bộ, ngành, địa phương chủ trì").
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Đồng chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assignments",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.COORDINATING)

    history = audit_trail()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "agency"], name="assignment_unique")]
        # An agency's assigned tasks without reading the assignment rows ("Việc của tôi").
        indexes = [models.Index(fields=["agency", "task"], name="assignment_agency_task")]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()}): {self.task}"


class ProgressReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Trả lại để bổ sung")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan báo cáo"), on_delete=models.PROTECT, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo"), null=True,
        on_delete=models.SET_NULL, related_name="progress_reports",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    # A draft keeps whatever the officer typed so far, progress and narrative included or
    # not; a report sent to the office has both (constraint below, and the service).
    percent_complete = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xem xét"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("ngày xem xét"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # What the public may read of an accepted report: the office writes (or copies) a note
    # for citizens; empty means nothing of it is public. The narrative itself never is.
    public_note = models.TextField(_("nội dung công khai"), blank=True)
    public_since = models.DateTimeField(_("công khai từ"), null=True, blank=True)
    evidence_published = models.BooleanField(_("công khai tệp minh chứng"), default=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    history = audit_trail(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-period_start", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency", "period_start"], name="report_one_per_period"),
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="report_percent_max_100"),
            models.CheckConstraint(
                condition=Q(state="draft") | (Q(percent_complete__isnull=False) & ~Q(narrative="")),
                name="report_sent_is_complete",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"),
        ]
        indexes = [
            models.Index(fields=["task", "period_start", "state"]),
            # The status rule asks "is there a report for this period?" for every task.
            models.Index(fields=["period_start", "period_end", "state", "task"]),
            models.Index(fields=["state", "submitted_at"]),
            # The public notes of a task, and the digest's "new since" look-up.
            models.Index(fields=["public_since"], name="report_public_since"),
            # A task's latest counted report (lists show its percent): read backwards from the
            # task's newest period, state and percent in the index itself, one probe per row.
            models.Index(fields=["task", "period_start", "submitted_at", "state", "percent_complete"],
                         name="report_latest_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.agency} ({self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y})"


def evidence_path(instance: "ReportEvidence", filename: str) -> str:
    return f"evidence/{instance.report.task_id}/{filename}"


class ReportEvidence(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name=_("báo cáo tiến độ"), on_delete=models.CASCADE,
                               related_name="evidence")
    file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    @property
    def type_label(self) -> str:
        """The type its content was checked to be when it was received (see core.uploads)."""
        kind = type_of_name(self.original_name)
        return kind.label if kind else ""

    def __str__(self) -> str:
        return self.original_name


class TaskComment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("Ý kiến")
        DIRECTION = "direction", _("Chỉ đạo")

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người viết"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("ý kiến chỉ đạo")
        verbose_name_plural = _("ý kiến chỉ đạo")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]
