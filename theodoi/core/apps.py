from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def install_data_version(sender, using: str, **kwargs) -> None:
    """After every `migrate` and `flush`: the data version's triggers on every table, and a
    new version (`core/dataversion.py`). Core's receiver runs after every app's migrations."""
    from theodoi.core import dataversion

    dataversion.install(using=using)


def drop_data_version_triggers(sender, using: str, plan=None, **kwargs) -> None:
    """SQLite, before a migration of core is applied: see `dataversion.drop_sqlite_triggers`."""
    from theodoi.core import dataversion
    from theodoi.core.dbtriggers import sqlite_migrates

    if sqlite_migrates("core", using=using, plan=plan):
        dataversion.drop_sqlite_triggers(using=using)


class CoreConfig(AppConfig):
    name = "theodoi.core"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        # lib has no Django: period labels are translated through the gettext installed here.
        from django.utils.translation import gettext

        from theodoi.lib.periods import use_translation

        use_translation(gettext)
        pre_migrate.connect(drop_data_version_triggers, sender=self, dispatch_uid="core_drop_data_version")
        post_migrate.connect(install_data_version, sender=self, dispatch_uid="core_data_version")
