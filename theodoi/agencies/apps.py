from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "theodoi.agencies"
    verbose_name = "Cơ quan"
