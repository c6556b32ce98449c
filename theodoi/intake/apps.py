from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Upload → extraction → review → commit: above documents and tasks, which it fills."""

    name = "theodoi.intake"
    verbose_name = _("Nhập văn bản")
