from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "theodoi.documents"
    verbose_name = "Văn bản"
