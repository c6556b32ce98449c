"""The three staff roles exist in every installation, from its first `migrate`.

Names as in theodoi/core/roles.py, written out here because a migration must not change
when the code does.
"""

from django.db import migrations

ROLES = ("Văn phòng UBND", "Cán bộ cơ quan", "Lãnh đạo")


def create_role_groups(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
