"""StoredReport now belongs to the reports app (label `reports`); its table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("polrad", "0003_cache_table"),
        ("reports", "0001_stored_reports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StoredReport")],
            database_operations=[],
        ),
    ]
