from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "theodoi.core"
    verbose_name = _("Hệ thống")
