from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "theodoi.consultations"
    verbose_name = _("Lấy ý kiến dự thảo")
