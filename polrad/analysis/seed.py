"""Version 1 of the checklist and of the preconditions, demo analyses for Groningen, and the
benchmark's analyses (one per municipality per year for five years)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from importlib import import_module

from dateutil.relativedelta import relativedelta
from django.apps import apps as django_apps
from django.utils import timezone

from network.models import (
    Community,
    ContactPerson,
    Domain,
    Municipality,
    Organisation,
    OrganisationPolicy,
    PolarisationForm,
)
from network.selectors import interventions_offered_in
from polrad.accounts.models import User
from polrad.analysis.models import (
    Action,
    Analysis,
    Assessment,
    AssessmentItem,
    ChecklistDefinition,
    ChosenIntervention,
    Participant,
    PolicyVerdict,
    PreconditionList,
    Remark,
    StepNote,
    VisionDocument,
)
from polrad.analysis.workflow import ActionStatus, AnalysisStatus, PreconditionStatus, Step

# Version 1 of both lists is made by a data migration; the demo and the tests read it there.
_VERSION_1 = import_module("polrad.analysis.migrations.0005_checklist_and_preconditions_version_1")
TABLE_DOMAINS = _VERSION_1.TABLE_DOMAINS
CHECKLIST_V1 = _VERSION_1.CHECKLIST_V1
PRECONDITIONS_V1 = _VERSION_1.PRECONDITIONS_V1


def definitions_ensure() -> tuple[ChecklistDefinition, PreconditionList]:
    """Version 1 of the checklist and of the preconditions, as the migration made them: an
    emptied database (`make demo-reset`, a flushed test database) gets them back, nothing is
    made twice; the table domains are linked once the social map has them."""
    _VERSION_1.definitions_create(django_apps, None)
    return (
        ChecklistDefinition.objects.get(version=1),
        PreconditionList.objects.get(version=1),
    )


def seed_demo(out) -> None:
    definition, preconditions = definitions_ensure()
    groningen = Municipality.objects.filter(cbs_code="GM0014").first()
    if groningen is None:
        return
    _partner_policies()
    if not Analysis.objects.filter(municipality=groningen).exists():
        _demo_analyses(groningen, definition)
    if not Assessment.objects.filter(municipality=groningen).exists():
        _demo_basis(groningen, preconditions)
    out(f"analyses: {Analysis.objects.count()}, assessments: {Assessment.objects.count()}")


def _partner_policies() -> None:
    """Half of the organisations have recorded their own basis; some without a method."""
    organisations = list(Organisation.objects.order_by("pk"))
    for index, organisation in enumerate(organisations[::2]):
        OrganisationPolicy.objects.get_or_create(
            organisation=organisation,
            defaults={
                "has_vision": index % 3 != 2,
                "vision_date": date(2025, 3, 1) if index % 3 != 2 else None,
                "working_method": ""
                if index % 4 == 3
                else "Zorgen over een persoon bespreken "
                "we met de leidinggevende en melden we via het meldpunt van het netwerk.",
                "tolerance_behaviour": "Geen intimidatie of discriminatie.",
                "preventive_measures": "Jaarlijkse training signaleren voor alle medewerkers.",
                "role_preventing": True,
                "role_recognising": True,
                "role_signalling": index % 2 == 0,
            },
        )


def _table(municipality) -> tuple[list, list]:
    organisations = list(Organisation.objects.filter(municipalities=municipality)[:6])
    contacts = list(ContactPerson.objects.filter(municipalities=municipality)[:4])
    return organisations, contacts


def _demo_analyses(groningen, definition) -> None:
    today = timezone.localdate()
    organisations, contacts = _table(groningen)
    domains = {d.name: d for d in Domain.objects.filter(name__in=TABLE_DOMAINS)}
    items = {(i.step, i.label): i for i in definition.items.all()}
    municipal_user = User.objects.filter(email="municipality@example.org").first()
    full = Analysis.objects.create(
        municipality=groningen,
        neighbourhood="Oosterparkwijk",
        title="Spanningen rond het buurtcentrum",
        kind=Analysis.Kind.FULL,
        date=today - relativedelta(years=1, days=10),
        facilitator="Beleidsadviseur veiligheid, gemeente Groningen",
        definition=definition,
        status=AnalysisStatus.FINAL,
        follow_up_date=today - relativedelta(days=20),
        phase=items[(Step.PHASE, "Spanning")],
        created_by=municipal_user,
    )
    short = Analysis.objects.create(
        municipality=groningen,
        neighbourhood="Oosterparkwijk",
        title="Wijkoverleg Oosterparkwijk, een jaar later",
        kind=Analysis.Kind.SHORT,
        date=today - timedelta(days=10),
        facilitator="Wijkregisseur, gemeente Groningen",
        definition=definition,
        status=AnalysisStatus.DRAFT,
        follow_up_date=today + relativedelta(months=6),
        phase=items[(Step.PHASE, "Onbehagen")],
        created_by=municipal_user,
    )
    full.ticked.set(
        [
            items[(Step.CAUSES, "Botsende leefstijlen")],
            items[(Step.CAUSES, "Overlast door jongeren")],
            items[(Step.GROUPS, "Jongeren")],
            items[(Step.GROUPS, "Nieuwkomers")],
            items[(Step.LOCATIONS, "Straat of plein")],
            items[(Step.LOCATIONS, "Online")],
            items[(Step.DIRECTIONS, "Ontmoeting op straat, plein en in de wijk")],
        ]
    )
    short.ticked.set(
        [
            items[(Step.CAUSES, "Overlast door jongeren")],
            items[(Step.GROUPS, "Jongeren")],
            items[(Step.LOCATIONS, "Straat of plein")],
            items[(Step.DIRECTIONS, "Bruggenbouwers en het stille midden versterken")],
        ]
    )
    full.communities.set(Community.objects.filter(name__in=["Syrisch", "Eritrees"]))
    forms = list(PolarisationForm.objects.order_by("position", "pk")[:3])
    full.forms.set(forms)
    short.forms.set(forms[1:])
    for analysis, offered in ((full, 2), (short, 1)):
        for intervention in interventions_offered_in(groningen).order_by("pk")[:offered]:
            ChosenIntervention.objects.create(
                analysis=analysis,
                intervention=intervention,
                reason="Sluit aan bij de spanning tussen jongeren en nieuwkomers.",
            )
    for analysis, verdicts in (
        (full, {"Integratie en participatie": "intensify", "Jeugd en jongerenwerk": "missing"}),
        (short, {"Integratie en participatie": "sufficient", "Jeugd en jongerenwerk": "intensify"}),
    ):
        for label, verdict in verdicts.items():
            PolicyVerdict.objects.create(
                analysis=analysis,
                item=items[(Step.POLICY, label)],
                verdict=verdict,
                approach="Jongerenwerk vaker op straat in de avonden; afspraken met de school.",
            )
        StepNote.objects.create(
            analysis=analysis,
            step=Step.CAUSES,
            notes="Onrust na berichten op sociale media over het nieuwe azc.",
        )
        for index, (domain_name, holder) in enumerate(
            zip(TABLE_DOMAINS, organisations, strict=False)
        ):
            if analysis is short and domain_name == "Zorg":
                continue  # the short meeting missed care: the page warns
            Participant.objects.create(
                analysis=analysis,
                organisation=holder,
                domain=domains.get(domain_name) or Domain.objects.first(),
                user=municipal_user if index == 0 else None,
            )
    _demo_actions(groningen, full, short, organisations, contacts)
    Remark.objects.create(
        analysis=full, author=municipal_user, text="Het jongerenwerk bevestigt het beeld."
    )


def _demo_actions(groningen, full, short, organisations, contacts) -> None:
    today = timezone.localdate()
    owner = organisations[0] if organisations else None
    person = contacts[0] if contacts else None
    rows = [
        (full, "Avondrondes jongerenwerk in het park", ActionStatus.DONE, -200),
        (full, "Bijeenkomst bewoners en nieuwkomers", ActionStatus.DONE, -120),
        (full, "Afspraken met de school over online incidenten", ActionStatus.DROPPED, -90),
        (short, "Bruggenbouwers uit de wijk uitnodigen", ActionStatus.OPEN, 30),
        (short, "Rolmodel inzetten bij het buurtcentrum", ActionStatus.IN_PROGRESS, 14),
        (short, "Evaluatie met de wijkagent", ActionStatus.OPEN, -7),  # overdue
    ]
    chosen = {c.analysis_id: c.intervention for c in ChosenIntervention.objects.all()}
    for index, (analysis, what, status, days) in enumerate(rows):
        Action.objects.create(
            intervention=chosen.get(analysis.pk) if index in (0, 3) else None,
            municipality=groningen,
            analysis=analysis,
            what=what,
            owner_contact=person if index % 2 and person else None,
            owner_organisation=owner if not (index % 2 and person) else None,
            due_date=today + timedelta(days=days),
            status=status,
        )


def _demo_basis(groningen, preconditions) -> None:
    today = timezone.localdate()
    organisations, _contacts = _table(groningen)
    statuses = [
        [PreconditionStatus.PARTLY, PreconditionStatus.NOT, PreconditionStatus.IN_ORDER],
        [PreconditionStatus.IN_ORDER, PreconditionStatus.PARTLY, PreconditionStatus.IN_ORDER],
    ]
    for round_, day in enumerate(
        (today - relativedelta(months=13), today - relativedelta(months=1))
    ):
        assessment = Assessment.objects.create(
            municipality=groningen, date=day, preconditions=preconditions
        )
        for index, precondition in enumerate(preconditions.items.all()):
            item = AssessmentItem.objects.create(
                assessment=assessment,
                precondition=precondition,
                status=statuses[round_][index % 3],
                evidence="Besproken in het driehoeksoverleg.",
            )
            if item.status != PreconditionStatus.IN_ORDER and organisations:
                Action.objects.create(
                    municipality=groningen,
                    assessment_item=item,
                    what=f"{precondition.label}: op orde brengen",
                    owner_organisation=organisations[0],
                    due_date=day + relativedelta(months=6),
                    status=ActionStatus.DONE if round_ == 0 else ActionStatus.OPEN,
                )
    VisionDocument.objects.get_or_create(
        municipality=groningen,
        defaults={
            "link": "https://gemeente.groningen.nl/visie-polarisatie",
            "adopted_on": today - relativedelta(years=2),
            "review_date": today + relativedelta(years=1),
            "summary": "Meningsverschil en debat horen bij een open samenleving; de grens ligt "
            "waar intimidatie, uitsluiting of het ondermijnen van de rechtsstaat begint.",
        },
    )


SCALE_YEARS = 5


def seed_scale(out) -> None:
    """One analysis per municipality per year for five years, each with actions."""
    definition, _preconditions = definitions_ensure()
    if Analysis.objects.filter(title__startswith="Benchmark-analyse").exists():
        out(f"analyses: {Analysis.objects.count()}")
        return
    rng = random.Random(2026)
    phases = list(definition.items.filter(step=Step.PHASE))
    ticks = list(definition.items.filter(step__in=[2, 3, 4, 6]))
    owners = dict(
        Organisation.municipalities.through.objects.order_by(
            "municipality_id", "organisation_id"
        ).values_list("municipality_id", "organisation_id")
    )
    today = timezone.localdate()
    analyses = []
    for municipality in Municipality.objects.order_by("pk"):
        for year in range(SCALE_YEARS):
            analyses.append(
                Analysis(
                    municipality=municipality,
                    title=f"Benchmark-analyse {municipality.name} {today.year - year}",
                    date=today - relativedelta(years=year, days=rng.randint(1, 300)),
                    facilitator="Beleidsadviseur",
                    definition=definition,
                    status=AnalysisStatus.FINAL if year else AnalysisStatus.DRAFT,
                    phase=rng.choice(phases),
                )
            )
    Analysis.objects.bulk_create(analyses, batch_size=1000)
    created = Analysis.objects.filter(title__startswith="Benchmark-analyse").values_list(
        "pk", "municipality_id", "date"
    )
    through, actions = Analysis.ticked.through, []
    links = []
    for pk, municipality_id, day in created:
        links += [through(analysis_id=pk, checklistitem_id=i.pk) for i in rng.sample(ticks, 5)]
        owner = owners.get(municipality_id)
        if owner is None:
            continue
        for n in range(3):
            actions.append(
                Action(
                    municipality_id=municipality_id,
                    analysis_id=pk,
                    what=f"Actie {n + 1}",
                    owner_organisation_id=owner,
                    due_date=day + timedelta(days=60 * (n + 1)),
                    status=rng.choice(list(ActionStatus.values)),
                )
            )
    through.objects.bulk_create(links, batch_size=5000)
    Action.objects.bulk_create(actions, batch_size=5000)
    out(f"analyses: {Analysis.objects.count()}, actions: {Action.objects.count()}")
