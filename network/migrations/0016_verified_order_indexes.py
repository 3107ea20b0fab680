from django.db import migrations, models
from django.db.models import F

# "Longest unverified first" lists the never verified first (ascending, NULLS FIRST): an index
# in that order lets a page of it be read without sorting every row. Postgres only: SQLite
# accepts no NULLS FIRST in an index, and sorts empty values first in ascending order anyway.
VERIFIED_INDEXES = {
    "organisation": models.Index(
        F("last_verified_at").asc(nulls_first=True), "id", name="network_org_verified_idx"
    ),
    "contactperson": models.Index(
        F("last_verified_at").asc(nulls_first=True), "id", name="network_contact_verified_idx"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in VERIFIED_INDEXES.items():
        schema_editor.add_index(apps.get_model("network", model_name), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in VERIFIED_INDEXES.items():
        schema_editor.remove_index(apps.get_model("network", model_name), index)


class Migration(migrations.Migration):
    """The verification order's indexes replace the plain ones on last_verified_at."""

    dependencies = [("network", "0015_contact_due_index")]

    operations = [
        migrations.RemoveIndex(model_name="contactperson", name="network_con_last_ve_63e918_idx"),
        migrations.RemoveIndex(model_name="organisation", name="network_org_last_ve_21a5de_idx"),
        migrations.RunPython(create, drop),
    ]
