from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

# Trigram indexes that serve `icontains` on names (UPPER(col) LIKE UPPER(...)): Dutch full-text
# search does not split compounds, so "vereniging" must also match "Huurdersvereniging".
TRIGRAM_INDEXES = {
    "organisation": GinIndex(
        OpClass(Upper("name"), name="gin_trgm_ops"), name="network_org_name_trgm"
    ),
    "contactperson": GinIndex(
        OpClass(Upper("full_name"), name="gin_trgm_ops"), name="network_contact_name_trgm"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for model_name, index in TRIGRAM_INDEXES.items():
        schema_editor.add_index(apps.get_model("network", model_name), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in TRIGRAM_INDEXES.items():
        schema_editor.remove_index(apps.get_model("network", model_name), index)


class Migration(migrations.Migration):
    """Search indexes that exist on Postgres only."""

    dependencies = [("network", "0002_social_map")]

    operations = [migrations.RunPython(create, drop)]
