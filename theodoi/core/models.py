from django.db import models
from django.utils.translation import gettext_lazy as _


class RateBucket(models.Model):
    """Hits of one client on one kind of public write in one time window (core.ratelimit)."""

    key = models.CharField(_("khóa"), max_length=200)
    window = models.BigIntegerField(_("khung thời gian"))  # start of the window, in seconds since the epoch
    hits = models.PositiveIntegerField(_("số lượt"), default=0)

    class Meta:
        verbose_name = _("bộ đếm giới hạn tần suất")
        verbose_name_plural = _("bộ đếm giới hạn tần suất")
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="rate_bucket_unique")]
        indexes = [models.Index(fields=["window"])]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.hits}"


class DataVersion(models.Model):
    """One row: a number that every committed write to the data the staff pages show
    increases, in the writing transaction itself (database triggers, `core/dataversion.py`).
    Page content kept per version (`core/pagecache.py`) is never served after such a write."""

    version = models.BigIntegerField(_("phiên bản"))

    class Meta:
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")


class DataChange(models.Model):
    """PostgreSQL only, and empty between transactions: the row through which a writing
    transaction increases the data version at its commit (see `core/dataversion.py`)."""

    stage = models.SmallIntegerField(_("bước"))

    class Meta:
        verbose_name = _("thay đổi dữ liệu đang ghi")
        verbose_name_plural = _("thay đổi dữ liệu đang ghi")
