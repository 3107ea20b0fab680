"""The weekly stuck-candidate reminders move into the one ledger (polrad.SentMessage)."""

from datetime import date

from django.db import migrations

KIND = "rolemodels.stuck_reminder"


def week_key(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def forwards(apps, schema_editor):
    old = apps.get_model("rolemodels", "StuckReminder")
    SentMessage = apps.get_model("polrad", "SentMessage")
    SentMessage.objects.bulk_create(
        [
            SentMessage(
                kind=KIND,
                recipient_id=row.coordinator_id,
                period=week_key(row.week),
                detail={"candidates": row.candidates},
                sent_at=row.sent_at,
            )
            for row in old.objects.exclude(sent_at=None).iterator()
        ],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    old = apps.get_model("rolemodels", "StuckReminder")
    SentMessage = apps.get_model("polrad", "SentMessage")
    old.objects.bulk_create(
        [
            old(
                coordinator_id=row.recipient_id,
                week=date.fromisocalendar(int(row.period[:4]), int(row.period[6:]), 1),
                candidates=row.detail.get("candidates", 0),
                sent_at=row.sent_at,
            )
            for row in SentMessage.objects.filter(kind=KIND).iterator()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("rolemodels", "0005_activity_intervention"),
        ("polrad", "0002_sent_message"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="StuckReminder"),
    ]
