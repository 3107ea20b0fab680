"""Demo and scale data of the handelingskader. All texts were written for this demo."""

import random
from importlib import import_module

from django.core.files.base import ContentFile

from network.interventions.models import (
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    Mechanism,
    PolarisationForm,
    PracticeExample,
    SituationGuidance,
)
from network.models import ContactPerson, Municipality, Organisation
from polrad import seed_data

# Names other seeds use to tag activities and case conferences.
ROLE_MODEL_MEETINGS = "Voorlichtingsbijeenkomsten door rolmodellen"
BASIC_TRAINING = "Basistraining Signalering van polarisatie en radicalisering"
CASE_ADVICE = "Advies en casusoverleg bij zorgen over radicalisering"
MENTORING = "Mentortraject voor jongeren op een kantelpunt"
DIALOGUE = "Dialoogtafels na een ingrijpende gebeurtenis"

# The demo's handelingskader is data: network/interventions/seed_data/*.json (interventions,
# practice examples, situation guidance cards, knowledge documents).


def _ensure_terms() -> None:
    """The forms of polarisation and mechanisms a data migration made: an emptied database
    (`make demo-reset`, a flushed test database) no longer has them."""
    from django.apps import apps

    terms = import_module("network.migrations.0007_intervention_search_and_terms")
    terms.seed_terms(apps, None)


def seed_demo(out) -> None:
    _ensure_terms()
    if Intervention.objects.exists():
        out(f"interventions: {Intervention.objects.count()}")
        return
    documents = _seed_documents()
    interventions = _seed_interventions(documents)
    _seed_examples(interventions)
    _seed_guidance(interventions, documents)
    out(
        f"handelingskader: {len(interventions)} interventions, "
        f"{PracticeExample.objects.count()} practice examples, "
        f"{SituationGuidance.objects.count()} situations, {len(documents)} documents"
    )


def _seed_documents() -> list[KnowledgeDocument]:
    documents = []
    for index, row in enumerate(seed_data.load(__file__, "documents")):
        text, day = row.pop("text"), seed_data.day(row.pop("date"))
        link = "" if text else f"https://example.org/kennisbank/{index + 1}"
        document = KnowledgeDocument(**row, date=day, link=link)
        if text:
            document.file.save(f"{row['title']}.txt", ContentFile(text.encode()), save=False)
        document.save()
        documents.append(document)
    return documents


def _seed_interventions(documents) -> dict[str, Intervention]:
    forms = {form.slug: form for form in PolarisationForm.objects.all()}
    mechanisms = {mechanism.slug: mechanism for mechanism in Mechanism.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    contacts = {c.full_name: c for c in ContactPerson.objects.all()}
    interventions = {}
    for index, row in enumerate(seed_data.load(__file__, "interventions")):
        form_slugs, mechanism_slugs = row.pop("forms"), row.pop("mechanisms")
        providers = row.pop("providers")
        intervention = Intervention.objects.create(**row.pop("texts"), **row)
        intervention.forms.set([forms[s] for s in form_slugs if s in forms])
        intervention.mechanisms.set([mechanisms[s] for s in mechanism_slugs if s in mechanisms])
        intervention.documents.set(documents[index % 3 :: 4])
        for provider in providers:
            if provider["organisation"] in organisations:
                InterventionProvider.objects.create(
                    intervention=intervention,
                    organisation=organisations[provider["organisation"]],
                    contact=contacts.get(provider["contact"]),
                )
        interventions[intervention.name] = intervention
    return interventions


def _seed_examples(interventions) -> None:
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    contacts = {c.full_name: c for c in ContactPerson.objects.all()}
    for row in seed_data.load(__file__, "practice_examples"):
        orgs = row["organisations"]
        intervention = interventions[row["intervention"]]
        example = PracticeExample.objects.create(
            title=row["title"],
            intervention=intervention,
            category=intervention.category,
            municipality=municipalities[row["municipality"]],
            neighbourhood=row["neighbourhood"],
            started_on=seed_data.day(row["started_on"]),
            ended_on=seed_data.day(row["ended_on"]),
            what_was_done=row["what_was_done"],
            results=row["results"],
            lessons=row["lessons"],
            contact=contacts.get(row["contact"]),
            is_draft=False,
        )
        example.organisations.set([organisations[o] for o in orgs if o in organisations])


def _seed_guidance(interventions, documents) -> None:
    forms = {form.slug: form for form in PolarisationForm.objects.all()}
    for position, row in enumerate(seed_data.load(__file__, "situation_guidance")):
        form_slugs, names = row.pop("forms"), row.pop("interventions")
        card = SituationGuidance.objects.create(**row.pop("texts"), **row, position=position)
        card.forms.set([forms[s] for s in form_slugs if s in forms])
        card.interventions.set([interventions[n] for n in names])
        card.documents.set([documents[2], documents[6]])


SCALE_INTERVENTIONS = 1_000
SCALE_WORDS = ["Dialoog", "Training", "Mentoraat", "Bemiddeling", "Voorlichting", "Aanpak"]


def seed_scale(out) -> None:
    """1,000 interventions with forms, mechanisms and one to three providers each."""
    rng = random.Random(2027)
    missing = SCALE_INTERVENTIONS - Intervention.objects.count()
    if missing > 0:
        new = Intervention.objects.bulk_create(
            [
                Intervention(
                    name=f"{rng.choice(SCALE_WORDS)} {i}",
                    summary="Synthetische interventie voor de benchmark over dialoog en "
                    "weerbaarheid in de wijk.",
                    kind=rng.choice(Intervention.Kind.values),
                    category=rng.choice(Intervention.Category.values),
                    level=rng.choice(Intervention.Level.values),
                    evidence_level=rng.choice(Intervention.EvidenceLevel.values),
                    target_groups=rng.sample(
                        ["young_people", "parents", "professionals", "community"], 2
                    ),
                    is_public=rng.random() < 0.3,
                )
                for i in range(missing)
            ],
            batch_size=1000,
        )
        form_ids = list(PolarisationForm.objects.values_list("pk", flat=True))
        mechanism_ids = list(Mechanism.objects.values_list("pk", flat=True))
        organisation_ids = list(Organisation.objects.values_list("pk", flat=True)[:5000])
        _scale_links(Intervention.forms.through, "polarisationform_id", new, form_ids, rng)
        _scale_links(Intervention.mechanisms.through, "mechanism_id", new, mechanism_ids, rng)
        InterventionProvider.objects.bulk_create(
            [
                InterventionProvider(intervention=intervention, organisation_id=organisation)
                for intervention in new
                for organisation in rng.sample(organisation_ids, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
    out(f"interventions: {Intervention.objects.count()}")


def _scale_links(through, right, objects, choices, rng) -> None:
    rows = [
        through(intervention_id=obj.pk, **{right: value})
        for obj in objects
        for value in rng.sample(choices, min(len(choices), rng.randint(1, 2)))
    ]
    through.objects.bulk_create(rows, batch_size=10000)
