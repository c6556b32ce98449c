from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AgenciesConfig(AppConfig):
    name = "theodoi.agencies"
    verbose_name = pgettext_lazy("app name", "Cơ quan")
