from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo loader: the top floor, free to use every app below it and used by none."""

    name = "theodoi.demo"
    verbose_name = _("Dữ liệu minh họa")
