from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "theodoi.api"
    label = "api"
    verbose_name = _("API dữ liệu mở")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from theodoi.api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
