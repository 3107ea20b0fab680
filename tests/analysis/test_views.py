"""The pages: bad input refused in Dutch with nothing saved, warnings, PDFs, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from polrad.analysis.models import Action, Analysis, AnalysisPdf, Assessment, Participant
from polrad.analysis.workflow import Step
from tests.analysis.factories import ActionFactory, AnalysisFactory, ParticipantFactory
from tests.network.factories import DomainFactory, OrganisationFactory


@pytest.fixture
def staff(client_for, municipal_employee):
    return client_for(municipal_employee)


def _analysis_data(municipality, **changes):
    today = timezone.localdate()
    data = {
        "municipality": municipality.pk,
        "neighbourhood": "Oosterpark",
        "title": "Spanning bij het plein",
        "kind": "short",
        "date": today.isoformat(),
        "facilitator": "Wijkregisseur",
        "follow_up_date": (today + timedelta(days=90)).isoformat(),
    }
    return {**data, **changes}


def test_staff_create_an_analysis_on_the_published_checklist(staff, municipality, definition):
    response = staff.post(reverse("analysis:create"), _analysis_data(municipality))
    analysis = Analysis.objects.get()
    assert response["Location"] == analysis.get_absolute_url()
    assert analysis.definition == definition and analysis.is_short


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": "2012-01-01"}, "meer dan 5 jaar in het verleden"),
        ({"date": "2031-01-01"}, "meer dan 1 jaar vooruit"),
        ({"date": "2026-02-30"}, "geldige datum"),
        ({"follow_up_date": "PREVIOUS_DAY"}, "vervolgdatum ligt vóór de datum"),
        ({"title": ""}, "Dit veld is verplicht"),
    ],
)
def test_bad_analysis_input_is_refused_in_dutch(staff, municipality, definition, changes, message):
    data = _analysis_data(municipality, **changes)
    if changes.get("follow_up_date") == "PREVIOUS_DAY":
        data["follow_up_date"] = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = staff.post(reverse("analysis:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Analysis.objects.exists()


def test_staff_cannot_create_an_analysis_in_another_municipality(
    staff, municipality, other_municipality, definition
):
    response = staff.post(reverse("analysis:create"), _analysis_data(other_municipality))
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Analysis.objects.exists()


def test_a_changed_checklist_version_is_refused_and_nothing_saved(staff, municipality, definition):
    analysis = AnalysisFactory(municipality=municipality)
    item = definition.items.filter(step=Step.CAUSES).first()
    url = reverse("analysis:step", args=[analysis.pk, Step.CAUSES])
    response = staff.post(url, {"version": 2, "s2_ticked": [item.pk], "s2_notes": "Iets"})
    assert response.status_code == 400
    assert "is versie 1, maar het formulier is ingevuld voor versie 2" in response.content.decode()
    assert not analysis.ticked.exists() and not analysis.notes.exists()
    response = staff.post(url, {"version": 1, "s2_ticked": [item.pk], "s2_notes": "Iets"})
    assert response.status_code == 302
    assert list(analysis.ticked.all()) == [item]


def test_an_item_of_another_checklist_version_is_refused(staff, municipality, definition):
    from polrad.analysis.admin import _copy
    from polrad.analysis.models import ChecklistDefinition

    analysis = AnalysisFactory(municipality=municipality)
    other = _copy(ChecklistDefinition, definition, "definition").items.filter(step=2).first()
    url = reverse("analysis:step", args=[analysis.pk, Step.CAUSES])
    response = staff.post(url, {"version": 1, "s2_ticked": [other.pk], "s2_notes": ""})
    assert response.status_code == 400
    assert not analysis.ticked.exists()


def test_the_short_version_shows_every_step_on_one_screen_and_saves_them(
    staff, municipality, definition
):
    analysis = AnalysisFactory(municipality=municipality, kind="short")
    page = staff.get(reverse("analysis:short", args=[analysis.pk])).content.decode()
    for step in Step:
        assert f"{step.value}. {step.label}" in page
    assert "Berichten en geruchten online" not in page  # not in the short version
    phase = definition.items.get(step=Step.PHASE, label="Spanning")
    data = {"version": 1, "s5_phase": phase.pk}
    data.update({f"s{step.value}_notes": "" for step in Step})
    data["s6_notes"] = "Bruggenbouwers zoeken"
    response = staff.post(reverse("analysis:short", args=[analysis.pk]), data)
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.phase == phase
    assert analysis.notes.get(step=6).notes == "Bruggenbouwers zoeken"


def test_the_page_warns_while_a_table_domain_is_missing(staff, municipality, definition):
    analysis = AnalysisFactory(municipality=municipality)
    for name in ("Sociaal domein", "Veiligheid", "Onderwijs"):
        ParticipantFactory(analysis=analysis, domain=DomainFactory(name=name))
    page = staff.get(analysis.get_absolute_url()).content.decode()
    assert "Nog niet aan tafel: Zorg." in page
    care = OrganisationFactory(municipalities=[municipality])
    staff.post(
        reverse("analysis:participant-add", args=[analysis.pk]),
        {"organisation": care.pk, "domain": DomainFactory(name="Zorg").pk},
    )
    assert "Nog niet aan tafel" not in staff.get(analysis.get_absolute_url()).content.decode()


def test_a_participant_comes_from_the_social_map_of_the_municipality(
    staff, municipality, other_municipality, definition
):
    analysis = AnalysisFactory(municipality=municipality)
    domain = DomainFactory(name="Zorg")
    stranger = OrganisationFactory(municipalities=[other_municipality])
    url = reverse("analysis:participant-add", args=[analysis.pk])
    response = staff.post(url, {"organisation": stranger.pk, "domain": domain.pk})
    assert "Kies uit de sociale kaart van Groningen." in response.content.decode()
    response = staff.post(url, {"domain": domain.pk, "account_email": "niemand@example.org"})
    page = response.content.decode()
    assert "Kies een organisatie of een persoon" in page
    assert "Er is geen actief account met dit e-mailadres." in page
    assert not Participant.objects.exists()
    local = OrganisationFactory(municipalities=[municipality])
    assert staff.post(url, {"organisation": local.pk, "domain": domain.pk}).status_code == 302


def test_an_action_owner_of_another_municipality_is_refused_by_name(
    staff, municipality, other_municipality, definition
):
    analysis = AnalysisFactory(municipality=municipality)
    stranger = OrganisationFactory(municipalities=[other_municipality])
    url = reverse("analysis:action-create", args=[analysis.pk])
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = staff.post(
        url, {"what": "Gesprek", "owner_organisation": stranger.pk, "due_date": due}
    )
    assert "De eigenaar moet in Groningen werken" in response.content.decode()
    response = staff.post(url, {"what": "Gesprek", "due_date": "2040-01-01"})
    assert "meer dan 5 jaar vooruit" in response.content.decode()
    assert not Action.objects.exists()


def test_the_analysis_pdf_is_stored_with_its_checksum_and_made_again_after_a_change(
    staff, municipality, definition
):
    import hashlib

    analysis = AnalysisFactory(municipality=municipality)
    first = staff.get(reverse("analysis:pdf", args=[analysis.pk]))
    assert first.content.startswith(b"%PDF")
    stored = AnalysisPdf.objects.get()
    assert stored.checksum == hashlib.sha256(first.content).hexdigest()
    staff.get(reverse("analysis:pdf", args=[analysis.pk]))
    assert AnalysisPdf.objects.count() == 1  # reused
    analysis.title = "Nieuwe titel"
    analysis.save()
    staff.get(reverse("analysis:pdf", args=[analysis.pk]))
    assert AnalysisPdf.objects.count() == 2
    # A file changed on disk is not handed out: a new one is made.
    latest = AnalysisPdf.objects.first()
    with latest.file.open("wb") as file:
        file.write(b"tampered")
    response = staff.get(reverse("analysis:pdf", args=[analysis.pk]))
    assert response.content.startswith(b"%PDF")
    assert AnalysisPdf.objects.count() == 3


def test_the_checklist_pdf_is_one_page(staff, municipality, definition):
    analysis = AnalysisFactory(municipality=municipality, kind="short")
    response = staff.get(reverse("analysis:checklist-pdf", args=[analysis.pk]))
    assert response.content.startswith(b"%PDF")
    assert response.content.count(b"/Type /Page\n") + response.content.count(
        b"/Type /Page>"
    ) <= 1 or (b"/Count 1" in response.content)


def _fill(municipality, n):
    for index in range(n):
        analysis = AnalysisFactory(municipality=municipality, title=f"Analyse {index}")
        ParticipantFactory(analysis=analysis)
        ActionFactory(analysis=analysis)


@pytest.mark.parametrize("n", [1, 12])
def test_list_pages_take_a_bounded_number_of_queries(
    staff, municipality, definition, django_assert_max_num_queries, n
):
    _fill(municipality, n)
    with django_assert_max_num_queries(12):
        assert staff.get(reverse("analysis:list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("analysis:actions")).status_code == 200
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("analysis:actions") + "?due=overdue&closed=on").status_code == 200


@pytest.mark.parametrize("n", [1, 8])
def test_the_analysis_page_with_evidence_takes_at_most_fifteen_queries(
    staff, municipality, definition, django_assert_max_num_queries, n
):
    _fill(municipality, n)
    analysis = Analysis.objects.first()
    for _index in range(n):
        ParticipantFactory(analysis=analysis)
        ActionFactory(analysis=analysis)
    assert staff.get(analysis.get_absolute_url()).status_code == 200  # fills the cache
    with django_assert_max_num_queries(15):
        assert staff.get(analysis.get_absolute_url()).status_code == 200
    # A change shows at once: the cached content follows the analysis's updated_at.
    ParticipantFactory(analysis=analysis, organisation=OrganisationFactory(name="Nieuwe partner"))
    from polrad.analysis.services import analysis_touch

    analysis_touch(analysis.pk)
    assert "Nieuwe partner" in staff.get(analysis.get_absolute_url()).content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_basis_op_orde_page_takes_a_bounded_number_of_queries(
    staff, municipality, preconditions, django_assert_max_num_queries, n
):
    from polrad.analysis import services

    today = timezone.localdate()
    owner = OrganisationFactory(municipalities=[municipality])
    for index in range(n):
        services.assessment_create(
            municipality=municipality,
            preconditions=preconditions,
            version=1,
            data={
                "date": today - timedelta(days=30 * index),
                "items": [
                    (
                        item,
                        "partly",
                        "",
                        {
                            "what": "Doen",
                            "owner_organisation": owner,
                            "owner_contact": None,
                            "due_date": today,
                        },
                    )
                    for item in preconditions.items.all()
                ],
            },
            by=None,
        )
    with django_assert_max_num_queries(30):
        page = staff.get(reverse("analysis:basis-municipality", args=[municipality.pk]))
    assert page.status_code == 200
    assert Assessment.objects.count() == n
