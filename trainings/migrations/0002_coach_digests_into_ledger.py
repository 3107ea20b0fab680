"""The weekly coach digests move into the one ledger (polrad.SentMessage), none lost.

Their week keys ("2026-W48") already have the ledger's format."""

from django.db import migrations

KIND = "trainings.coach_digest"


def forwards(apps, schema_editor):
    old = apps.get_model("trainings", "CoachDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    SentMessage.objects.bulk_create(
        [
            SentMessage(kind=KIND, recipient_id=row.coach_id, period=row.week, sent_at=row.sent_at)
            for row in old.objects.iterator()
        ],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    old = apps.get_model("trainings", "CoachDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    old.objects.bulk_create(
        [
            old(coach_id=row.recipient_id, week=row.period, sent_at=row.sent_at)
            for row in SentMessage.objects.filter(kind=KIND).iterator()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0001_programmes_sessions_coaching"),
        ("polrad", "0002_sent_message"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="CoachDigest"),
    ]
