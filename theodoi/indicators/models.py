"""Indicators (chỉ tiêu), their targets as documents set them, and observations per period.

An observation goes draft → submitted (by the responsible agency) → approved (by the office),
or back to the agency as returned with a reason. Whether a period can still be written is
`locks.lock_for`, the one home of the lock rule.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.agencies.models import Agency
from theodoi.core.audit import audit_trail
from theodoi.documents.models import Document
from theodoi.lib.periods import Period, PeriodKind, period_containing


class Unit(models.TextChoices):
    """The fixed list of units; a value is checked against its indicator's unit."""

    PERCENT = "%", "%"
    BILLION_VND = "tỷ đồng", _("tỷ đồng")
    MILLION_VND_PER_HEAD = "triệu đồng/người", _("triệu đồng/người")
    MILLION_USD = "triệu USD", _("triệu USD")
    BILLION_USD = "tỷ USD", _("tỷ USD")
    USD_PER_HEAD = "USD/người", _("USD/người")
    PEOPLE = "người", _("người")
    PROJECTS = "dự án", _("dự án")
    COUNT = "đơn vị", _("đơn vị")


# Units that count things: whole numbers, never negative.
COUNT_UNITS = {Unit.PEOPLE, Unit.PROJECTS, Unit.COUNT}


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")


class Frequency(models.TextChoices):
    YEAR = "year", _("Năm")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


class Indicator(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=20, choices=Unit.choices)
    direction = models.CharField(_("chiều tốt"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(_("kỳ số liệu"), max_length=10, choices=Frequency.choices, default=Frequency.YEAR)
    # A growth rate in % may be negative or above 100; a share in % may not.
    is_rate_of_change = models.BooleanField(_("là tốc độ tăng (có thể âm hoặc trên 100%)"), default=False)
    plausible_min = models.DecimalField(_("giá trị hợp lý thấp nhất"), max_digits=18, decimal_places=3,
                                        null=True, blank=True)
    plausible_max = models.DecimalField(_("giá trị hợp lý cao nhất"), max_digits=18, decimal_places=3,
                                        null=True, blank=True)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan chịu trách nhiệm"), on_delete=models.PROTECT,
                               related_name="indicators")
    document = models.ForeignKey(Document, verbose_name=_("văn bản đặt chỉ tiêu"), on_delete=models.PROTECT,
                                 related_name="indicators")
    notes = models.TextField(_("ghi chú"), blank=True)
    history = audit_trail()

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return self.name

    @property
    def period_kind(self) -> PeriodKind:
        return self.frequency  # type: ignore[return-value]

    def period_of(self, day: dt.date) -> Period:
        return period_containing(self.period_kind, day)


class Target(models.Model):
    """A value a document sets for a year ("đến năm 2030 đạt 40%") or for each year of a span
    ("giai đoạn 2026-2030 tăng 8,0 - 8,5%/năm"). `low`..`high` as the text states it: one of
    them alone is "at least" / "at most", both equal is an exact value."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE,
                                  related_name="targets")
    document = models.ForeignKey(Document, verbose_name=_("văn bản đặt mục tiêu"), on_delete=models.PROTECT,
                                 related_name="indicator_targets")
    from_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    low = models.DecimalField(_("từ"), max_digits=18, decimal_places=3, null=True, blank=True)
    high = models.DecimalField(_("đến"), max_digits=18, decimal_places=3, null=True, blank=True)
    wording = models.TextField(_("nguyên văn"), blank=True)
    history = audit_trail()

    class Meta:
        ordering = ["year", "from_year"]
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], condition=models.Q(from_year__isnull=True),
                                    name="indicators_target_one_per_year"),
            models.UniqueConstraint(fields=["indicator", "from_year", "year"], name="indicators_target_one_per_span"),
            models.CheckConstraint(condition=models.Q(low__isnull=False) | models.Q(high__isnull=False),
                                   name="indicators_target_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.span_label}"

    @property
    def span_label(self) -> str:
        return f"{self.from_year}–{self.year}" if self.from_year else str(self.year)

    @property
    def is_span(self) -> bool:
        return self.from_year is not None

    def covers(self, year: int) -> bool:
        return (self.from_year or self.year) <= year <= self.year

    @property
    def midpoint(self) -> Decimal:
        values = [v for v in (self.low, self.high) if v is not None]
        return sum(values, Decimal(0)) / len(values)


class Observation(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi, chờ Văn phòng duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại để sửa")

    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE,
                                  related_name="observations")
    period_start = models.DateField(_("đầu kỳ"))
    period_end = models.DateField(_("cuối kỳ"))
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=3)
    source = models.CharField(_("nguồn số liệu"), max_length=500)
    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT,
                                   related_name="+")
    entered_at = models.DateTimeField(_("lúc nhập"), auto_now=True)
    submitted_at = models.DateTimeField(_("lúc gửi"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("lúc duyệt"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại / mở lại"), blank=True)
    # Demo values are shown as such on every page and export that shows them.
    is_demo = models.BooleanField(_("số liệu minh họa"), default=False)
    history = audit_trail()

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        constraints = [
            # No period entered twice: the database refuses it even when two requests race.
            models.UniqueConstraint(fields=["indicator", "period_start"], name="indicators_observation_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.label}"

    @property
    def period(self) -> Period:
        return period_containing(self.indicator.period_kind, self.period_start)


class LockException(models.Model):
    """The office's exception to a period's lock: the agency may write it until `until`."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE,
                                  related_name="lock_exceptions")
    period_start = models.DateField(_("đầu kỳ"))
    until = models.DateField(_("mở đến hết ngày"))
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cho phép"),
                                   on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("lúc cho phép"), auto_now=True)
    history = audit_trail()

    class Meta:
        verbose_name = _("ngoại lệ khóa kỳ")
        verbose_name_plural = _("ngoại lệ khóa kỳ")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="indicators_lock_exception_one_per_period"),
        ]
