from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "theodoi.core"
    verbose_name = "Hệ thống"
