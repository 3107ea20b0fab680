from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

# Lists filtered by a piece of a role model's name (the activities' "Rolmodel (naam)", the
# pipeline's search) ask UPPER(full_name) LIKE '%...%'. Without a trigram index Postgres read
# the activities newest first and looked up each one's role model until a page was full
# (5,665 activities for 26 rows); with it, it finds the few role models first. Postgres only,
# as the social map's name indexes (network 0003, which also makes the pg_trgm extension).
NAME_INDEX = GinIndex(
    OpClass(Upper("full_name"), name="gin_trgm_ops"), name="rolemodels_name_trgm"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("rolemodels", "rolemodel"), NAME_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("rolemodels", "rolemodel"), NAME_INDEX)


class Migration(migrations.Migration):
    """A trigram index on role models' names, on Postgres only."""

    dependencies = [
        ("network", "0003_search_indexes"),
        ("rolemodels", "0011_deployed_activity_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
