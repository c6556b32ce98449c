from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.audit import audit_trail
from theodoi.lib.text import clean_text, match_key


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng")
    MINISTRY = "ministry", _("Bộ")
    MINISTRY_LEVEL = "ministry_level", _("Cơ quan ngang bộ")
    GOVERNMENT_AGENCY = "government_agency", _("Cơ quan thuộc Chính phủ")
    PARTY = "party", _("Cơ quan Đảng")
    LEGISLATURE = "legislature", _("Quốc hội và cơ quan của Quốc hội")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    LOCAL = "local", _("Cấp xã, phường, đặc khu")
    MASS_ORG = "mass_org", _("Mặt trận, đoàn thể")
    COLLECTIVE = "collective", _("Tập hợp cơ quan")
    OTHER = "other", _("Khác")


class KeyedName:
    """A model known by a name that is kept clean, with its match key (`<name>_key`, see
    lib.text.match_key) kept in step on every save: the key finds the name however it is typed."""

    name_field = "name"

    def __str__(self) -> str:
        return getattr(self, self.name_field)

    def save(self, *args, **kwargs) -> None:
        name = clean_text(getattr(self, self.name_field))
        setattr(self, self.name_field, name)
        setattr(self, f"{self.name_field}_key", match_key(name))
        super().save(*args, **kwargs)  # type: ignore[misc]


class Agency(KeyedName, models.Model):
    name = models.CharField(_("tên cơ quan"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="children",
    )
    # Many-to-many: one dissolved body's functions can go to several successors.
    succeeded_by = models.ManyToManyField(
        "self", verbose_name=_("cơ quan kế thừa"), symmetrical=False, blank=True,
        related_name="predecessors",
    )
    dissolved_on = models.DateField(_("ngày giải thể/hợp nhất"), null=True, blank=True)
    # The province-level unit the body belongs to ("Thanh Hóa"; a merged province's own name
    # for its dissolved bodies); empty for central bodies. Short names such as "Sở Tài chính"
    # in a document of that place mean this body (extraction.lexicon.AgencyLexicon.for_place).
    place = models.CharField(_("tỉnh, thành phố"), max_length=64, blank=True, db_index=True)
    name_key = models.CharField(_("khóa so khớp tên"), max_length=255, unique=True, editable=False)

    history = audit_trail()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None


class AgencyAlias(KeyedName, models.Model):
    name_field = "alias"

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("tên gọi khác"), max_length=255)
    alias_key = models.CharField(_("khóa so khớp tên gọi khác"), max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")


class Membership(models.Model):
    """Which agency a staff user works for (agency officers report for it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership",
        verbose_name=_("người dùng"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="members", verbose_name=_("cơ quan")
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("cán bộ thuộc cơ quan")
        verbose_name_plural = _("cán bộ thuộc cơ quan")

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"
