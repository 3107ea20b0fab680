"""The monthly freshness digests move into the one ledger (polrad.SentMessage), none lost."""

from django.db import migrations

KIND = "network.stale_digest"


def forwards(apps, schema_editor):
    old = apps.get_model("network", "StaleRecordsDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    SentMessage.objects.bulk_create(
        [
            SentMessage(
                kind=KIND,
                recipient_id=row.coordinator_id,
                period=f"{row.period:%Y-%m}",
                detail={"organisations": row.organisations, "contacts": row.contacts},
                sent_at=row.sent_at,
            )
            for row in old.objects.exclude(sent_at=None).iterator()
        ],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    old = apps.get_model("network", "StaleRecordsDigest")
    SentMessage = apps.get_model("polrad", "SentMessage")
    old.objects.bulk_create(
        [
            old(
                coordinator_id=row.recipient_id,
                period=f"{row.period}-01",
                organisations=row.detail.get("organisations", 0),
                contacts=row.detail.get("contacts", 0),
                sent_at=row.sent_at,
            )
            for row in SentMessage.objects.filter(kind=KIND).iterator()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0008_organisation_policy"),
        ("polrad", "0002_sent_message"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="StaleRecordsDigest"),
    ]
