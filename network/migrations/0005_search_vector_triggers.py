from django.db import migrations

# (table, trigger function, weighted columns): the first column weighs most in the ranking.
TABLES = [
    ("network_organisation", "network_organisation_search", ["name", "description"]),
    ("network_contactperson", "network_contactperson_search", ["full_name", "function"]),
]
CONFIG = "pg_catalog.dutch"


def _vector_sql(columns, prefix):
    parts = [
        f"setweight(to_tsvector('{CONFIG}', coalesce({prefix}{column}, '')), '{weight}')"
        for column, weight in zip(columns, "AB", strict=False)
    ]
    return " || ".join(parts)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, function, columns in TABLES:
        schema_editor.execute(
            f"""
            CREATE FUNCTION {function}() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {_vector_sql(columns, "NEW.")};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {', '.join(columns)} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(f"UPDATE {table} SET search_vector = {_vector_sql(columns, '')}")
        schema_editor.execute(
            f"CREATE INDEX {table}_search ON {table} USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, function, _columns in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {function} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


class Migration(migrations.Migration):
    """Postgres keeps each record's Dutch search vector current with a trigger, so search
    ranks on a stored, indexed vector instead of computing one per row and query."""

    dependencies = [("network", "0004_search_vectors")]

    operations = [migrations.RunPython(create, drop)]
