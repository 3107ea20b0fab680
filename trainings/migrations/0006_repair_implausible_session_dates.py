"""Sessions saved with an impossible date (1 January of year 1) before dates were checked.

Such a date cannot be shown in Dutch time, so every page listing the session failed. The
session keeps its length and moves to the moment it was created; a coordinator sees it among
the past sessions and can correct or cancel it.
"""

from datetime import UTC, datetime, timedelta

from django.db import migrations

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def repair(apps, schema_editor):
    Session = apps.get_model("trainings", "Session")
    implausible = Session.objects.filter(starts_at__lt=EARLIEST) | Session.objects.filter(
        starts_at__gte=LATEST
    ) | Session.objects.filter(ends_at__lt=EARLIEST) | Session.objects.filter(ends_at__gte=LATEST)
    for session in implausible.distinct():
        length = session.ends_at - session.starts_at
        if not timedelta(0) < length <= timedelta(days=1):
            length = timedelta(hours=1)
        session.starts_at = session.created_at
        session.ends_at = session.created_at + length
        session.save(update_fields=["starts_at", "ends_at"])


class Migration(migrations.Migration):
    dependencies = [("trainings", "0005_plausible_dates_and_numbers")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
