from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "theodoi.core"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        # lib has no Django: period labels are translated through the gettext installed here.
        from django.utils.translation import gettext

        from theodoi.lib.periods import use_translation

        use_translation(gettext)
