from django.db import migrations

from theodoi.petitions.categories import ensure_default_categories


def create(apps, schema_editor) -> None:
    ensure_default_categories(apps.get_model("petitions", "Category"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
