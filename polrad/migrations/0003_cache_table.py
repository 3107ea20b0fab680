"""The shared cache's table (settings.CACHES without Redis), made by `migrate`.

Made whatever the cache configuration, so switching from Redis to the database cache needs
no extra step; `createcachetable` would create it only for the configured backend.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "polrad_cache"


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("polrad", "0002_sent_message")]

    operations = [migrations.RunPython(create_table, drop_table)]
