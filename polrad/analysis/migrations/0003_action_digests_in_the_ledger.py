"""The weekly action digests move into the one ledger (polrad.SentMessage), none lost."""

from datetime import date

from django.db import migrations

KIND = "analysis.action_digest"


def week_key(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def forwards(apps, schema_editor):
    old = apps.get_model("analysis", "ActionDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    SentMessage.objects.bulk_create(
        [
            SentMessage(
                kind=KIND,
                recipient_id=row.recipient_id,
                period=week_key(row.week),
                detail={"actions": row.actions},
                sent_at=row.sent_at,
            )
            for row in old.objects.exclude(sent_at=None).iterator()
        ],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    old = apps.get_model("analysis", "ActionDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    old.objects.bulk_create(
        [
            old(
                recipient_id=row.recipient_id,
                week=date.fromisocalendar(int(row.period[:4]), int(row.period[6:]), 1),
                actions=row.detail.get("actions", 0),
                sent_at=row.sent_at,
            )
            for row in SentMessage.objects.filter(kind=KIND).iterator()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0002_interventions_and_forms"),
        ("polrad", "0002_sent_message"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ActionDigest"),
    ]
