"""The online platform a reporter names is free text: encrypt it like the rest of a concern.

The column becomes text (a Fernet token is longer than 100 characters); the rows written
before are encrypted in place. The field reads a plain value back as it is (a token that does
not decrypt is returned unchanged), so a row read between the two steps is still readable.
"""

import encrypted_fields.fields
from django.db import migrations

BATCH = 1000


def encrypt_existing(apps, schema_editor):
    concern_model = apps.get_model("signals", "Concern")
    rows = concern_model.objects.filter(platform__isnull=False).only("pk", "platform")
    batch = []
    for concern in rows.order_by("pk").iterator(chunk_size=BATCH):
        # Read as it is (plain text), written back through the field: encrypted; "" becomes NULL.
        batch.append(concern)
        if len(batch) == BATCH:
            concern_model.objects.bulk_update(batch, ["platform"])
            batch = []
    if batch:
        concern_model.objects.bulk_update(batch, ["platform"])


def decrypt_back(apps, schema_editor):
    concern_model = apps.get_model("signals", "Concern")
    rows = concern_model.objects.filter(platform__isnull=False).values_list("pk", "platform")
    with schema_editor.connection.cursor() as cursor:
        for pk, platform in rows.iterator(chunk_size=BATCH):
            cursor.execute(
                "UPDATE signals_concern SET platform = %s WHERE id = %s", [platform or "", pk]
            )
        cursor.execute("UPDATE signals_concern SET platform = '' WHERE platform IS NULL")


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0009_concern_category_forms_and_conference_interventions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="concern",
            name="platform",
            field=encrypted_fields.fields.EncryptedCharField(
                blank=True, max_length=100, null=True, verbose_name="online platform"
            ),
        ),
        migrations.RunPython(encrypt_existing, decrypt_back),
    ]
