from django.db import migrations


class Migration(migrations.Migration):
    """Once created the intake tables, when intake was part of documents (and documents
    migrations had to wait for tasks). They belong to the intake app now: its 0001 creates
    them on a new database and adopts them, data and all, on a database this already ran on.
    Kept, empty, so that such databases find the migration they recorded."""

    dependencies = [
        ('documents', '0001_initial'),
    ]

    operations = []
