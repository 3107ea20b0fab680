"""Version 1 of the checklist of the analysis instrument and of the basis-op-orde
preconditions, made by the migration so that a new database can hold an analysis without the
demo data. Administrators change the wording by publishing a new version; analyses and
assessments keep the version they were made with.

`polrad.analysis.seed.definitions_ensure` runs `definitions_create` again after a database
was emptied (`make demo-reset`, a flushed test database): it adds nothing that exists.
"""

from django.db import migrations

TABLE_DOMAINS = ["Sociaal domein", "Veiligheid", "Onderwijs", "Zorg"]

# (step, label, explanation, in the short version); steps as in polrad.analysis.workflow.Step:
# 2 causes, 3 groups, 4 locations, 5 phase, 6 solution directions, 8 policy.
CHECKLIST_V1 = [
    (2, "Botsende leefstijlen", "", True),
    (2, "Groepen kennen elkaar weinig in de openbare ruimte", "", True),
    (2, "Overlast door jongeren", "", True),
    (2, "Weinig steun van instanties ervaren", "", True),
    (2, "Een landelijke of internationale gebeurtenis die hier doorwerkt", "", True),
    (2, "Berichten en geruchten online", "", False),
    (3, "Jongeren", "", True),
    (3, "Ouders", "", True),
    (3, "Nieuwkomers", "", True),
    (3, "Oorspronkelijke bewoners", "", True),
    (3, "Een geloofsgemeenschap", "", False),
    (3, "Ondernemers", "", False),
    (4, "Portiek of gebouw", "", True),
    (4, "Straat of plein", "", True),
    (4, "De wijk als geheel", "", True),
    (4, "School", "", True),
    (4, "Werk", "", False),
    (4, "Sport en vrije tijd", "", False),
    (4, "Online", "", True),
    (5, "Rust", "Groepen leven naast elkaar zonder merkbare spanning.", True),
    (5, "Onbehagen", "Er wordt gemopperd; ergernis blijft in de eigen kring.", True),
    (5, "Spanning", "Wij-zij-taal in het openbaar; groepen mijden elkaar.", True),
    (5, "Incidenten", "Confrontaties, bedreiging of vernieling.", True),
    (5, "Open conflict", "Herhaald geweld; de veiligheid in de wijk staat op het spel.", True),
    (6, "Contact en begrip in de directe woonomgeving", "", True),
    (6, "Ontmoeting op straat, plein en in de wijk", "", True),
    (6, "Positief gedrag van jongeren, rolmodellen, conflicthantering", "", True),
    (6, "Sociale controle, weerbaarheid en basisveiligheid", "", True),
    (6, "Gemeentelijke, wijkoverstijgende aanpak", "", False),
    (6, "Bruggenbouwers en het stille midden versterken", "", True),
    (8, "Integratie en participatie", "", True),
    (8, "Onderwijs", "", True),
    (8, "Jeugd en jongerenwerk", "", True),
    (8, "Openbare orde en veiligheid", "", True),
    (8, "Zorg en welzijn", "", False),
    (8, "Wonen en leefbaarheid", "", False),
]

# (label, explanation, hint: a value of polrad.analysis.models.Hint)
PRECONDITIONS_V1 = [
    ("Visie", "Een vastgestelde visie op polarisatie en radicalisering.", "vision"),
    ("Handelingskader", "Wat te doen bij welke situatie, en wie te bellen.", "interventions"),
    (
        "Intern netwerk sociaal-veiligheid",
        "Vaste afspraken tussen zorg en veiligheid.",
        "internal_network",
    ),
    ("Netwerk van sleutelfiguren", "", "key_figures"),
    ("Signaleringsstructuur", "Meldpunt, behandelaar en casusoverleg.", "signalling"),
    ("Getrainde professionals", "", "trained"),
    ("Afspraken over informatiedeling", "", "partner_methods"),
    ("Mentoren beschikbaar", "", "role_models"),
]


def definitions_create(apps, schema_editor):
    """Version 1 of both lists, unless a version 1 exists; the four table domains as far as
    the social map has them."""
    definition_model = apps.get_model("analysis", "ChecklistDefinition")
    item_model = apps.get_model("analysis", "ChecklistItem")
    list_model = apps.get_model("analysis", "PreconditionList")
    precondition_model = apps.get_model("analysis", "Precondition")
    domain_model = apps.get_model("network", "Domain")
    definition, created = definition_model.objects.get_or_create(
        version=1, defaults={"title": "Stappenplan wijkanalyse", "is_published": True}
    )
    if created:
        item_model.objects.bulk_create(
            item_model(
                definition=definition,
                step=step,
                label=label,
                description=description,
                in_short=short,
                position=position,
            )
            for position, (step, label, description, short) in enumerate(CHECKLIST_V1)
        )
    definition.required_domains.add(*domain_model.objects.filter(name__in=TABLE_DOMAINS))
    preconditions, created = list_model.objects.get_or_create(
        version=1, defaults={"title": "Basis op orde", "is_published": True}
    )
    if created:
        precondition_model.objects.bulk_create(
            precondition_model(
                preconditions=preconditions,
                label=label,
                description=description,
                hint=hint,
                position=position,
            )
            for position, (label, description, hint) in enumerate(PRECONDITIONS_V1)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0004_plausible_ranges"),
        ("network", "0013_plausible_ranges"),
    ]

    operations = [migrations.RunPython(definitions_create, migrations.RunPython.noop)]
