from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

CONFIG = "pg_catalog.dutch"
TABLE = "network_intervention"
FUNCTION = "network_intervention_search"
# Name weighs most, then the summary, then the description's main headings.
COLUMNS = [("name", "A"), ("summary", "B"), ("goals", "C"), ("approach", "C"), ("reason", "D")]
NAME_TRIGRAM = GinIndex(
    OpClass(Upper("name"), name="gin_trgm_ops"), name="network_intervention_name_trgm"
)

# The shared taxonomies, seeded so that the concern categories and the analysis instrument
# can refer to them by slug. Coordinators may rename, extend or deactivate them.
FORMS = [
    ("spanningen-tussen-groepen", "Spanningen tussen groepen"),
    ("online-uitingen", "Online uitingen"),
    ("anti-overheid-en-ondermijning", "Anti-overheidssentiment en ondermijning"),
    ("discriminatie-en-hate-incidenten", "Discriminatie en hate incidents"),
    ("extremistische-propaganda", "Extremistische propaganda"),
    ("individuele-radicalisering", "Individuele radicalisering"),
]
MECHANISMS = [
    ("drempels-opwerpen", "Drempels opwerpen"),
    ("mentoring", "Mentoring"),
    ("dialoog-en-ontmoeting", "Dialoog en ontmoeting"),
    ("weerbaarheidstraining", "Weerbaarheidstraining"),
    ("voorlichting", "Voorlichting"),
    ("conflictbemiddeling", "Conflictbemiddeling"),
    ("advies-bij-een-situatie", "Advies als een situatie zich voordoet"),
]


def _vector_sql(prefix):
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}', coalesce({prefix}{column}, '')), '{weight}')"
        for column, weight in COLUMNS
    )


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(column for column, _weight in COLUMNS)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {_vector_sql("NEW.")};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """
    )
    schema_editor.execute(
        f"CREATE TRIGGER {FUNCTION} BEFORE INSERT OR UPDATE OF {columns} "
        f"ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )
    schema_editor.execute(f"UPDATE {TABLE} SET search_vector = {_vector_sql('')}")
    schema_editor.execute(f"CREATE INDEX {TABLE}_search ON {TABLE} USING gin (search_vector)")
    schema_editor.add_index(apps.get_model("network", "intervention"), NAME_TRIGRAM)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("network", "intervention"), NAME_TRIGRAM)
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_search")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {TABLE}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def seed_terms(apps, schema_editor):
    for model_name, terms in (("PolarisationForm", FORMS), ("Mechanism", MECHANISMS)):
        model = apps.get_model("network", model_name)
        for position, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    """Dutch full-text search on interventions (Postgres only) and the seeded taxonomies."""

    dependencies = [("network", "0006_interventions")]

    operations = [
        migrations.RunPython(create_search, drop_search),
        migrations.RunPython(seed_terms, migrations.RunPython.noop),
    ]
