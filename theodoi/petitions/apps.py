from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "theodoi.petitions"
    verbose_name = _("Kiến nghị, phản ánh")
