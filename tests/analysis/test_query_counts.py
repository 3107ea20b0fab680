"""The analysis page with its evidence and the action list, counted on a cold cache (the
per-request baseline of session, user, second-factor device and permissions included), the
same for little and much data."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from network.models import Municipality
from polrad.analysis.models import Analysis, Assessment, AssessmentItem
from polrad.analysis.views.actions import PAGE_SIZE
from tests.analysis.factories import ActionFactory, AnalysisFactory, ParticipantFactory
from tests.factories import MunicipalityFactory
from tests.network.factories import AgreementFactory, ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# Cold: the baseline (four), the analysis with what was filled in, its participants, actions
# and remarks (six), the evidence: the suppressed concern grid shared with every concern
# figure (three), the municipality's figures, its coverage row, its agreements and the
# earlier analyses (one each).
ANALYSIS_PAGE_COLD = 15
ANALYSIS_PAGE_WARM = 6
ACTION_LIST = 10


def _signed_in(client_for, user):
    """A client past its session's first request, with an empty cache."""
    client = client_for(user)
    client.get(reverse("accounts:profile"))
    cache.clear()
    return client


def _fill(municipality, n):
    for index in range(n):
        analysis = AnalysisFactory(municipality=municipality, title=f"Analyse {index}")
        for _ in range(3):
            ParticipantFactory(analysis=analysis)
            ActionFactory(analysis=analysis)
        AgreementFactory(municipality=municipality)
        OrganisationFactory(municipalities=[municipality])


@pytest.mark.parametrize("n", [1, 10])
def test_analysis_page_on_a_cold_cache(
    client_for, municipal_employee, municipality, definition, django_assert_max_num_queries, n
):
    _fill(municipality, n)
    analysis = Analysis.objects.order_by("date", "pk").last()
    client = _signed_in(client_for, municipal_employee)
    with django_assert_max_num_queries(ANALYSIS_PAGE_COLD):
        response = client.get(analysis.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["participants"]) == 3
    assert len(response.context["evidence"].earlier) == min(n - 1, 5)
    assert bool(response.context["previous"]) == (n > 1)
    with django_assert_max_num_queries(ANALYSIS_PAGE_WARM):
        assert client.get(analysis.get_absolute_url()).status_code == 200


def test_the_page_offers_the_comparison_only_with_an_earlier_analysis_of_the_same_area(
    client_for, municipal_employee, municipality, definition
):
    first = AnalysisFactory(municipality=municipality, neighbourhood="Oosterpark")
    elsewhere = AnalysisFactory(
        municipality=municipality, neighbourhood="Vinkhuizen", date=first.date
    )
    client = client_for(municipal_employee)
    compare = reverse("analysis:compare", args=[elsewhere.pk])
    assert compare not in client.get(elsewhere.get_absolute_url()).content.decode()
    later = AnalysisFactory(municipality=municipality, neighbourhood="oosterpark", date=first.date)
    html = client.get(later.get_absolute_url()).content.decode()
    assert reverse("analysis:compare", args=[later.pk]) in html


@pytest.mark.parametrize("n", [1, 10])
def test_action_list_on_a_cold_cache(
    client_for, municipal_employee, municipality, definition, django_assert_max_num_queries, n
):
    _fill(municipality, n)
    client = _signed_in(client_for, municipal_employee)
    for params in ({}, {"due": "overdue", "closed": "on"}, {"municipality": municipality.pk}):
        with django_assert_max_num_queries(ACTION_LIST):
            response = client.get(reverse("analysis:actions"), params)
        assert response.status_code == 200
    assert len(client.get(reverse("analysis:actions")).context["actions"]) == min(3 * n, PAGE_SIZE)


@pytest.mark.parametrize("places", [1, 30])
def test_coordinators_overdue_actions_of_every_municipality_on_a_cold_cache(
    client_for, coordinator, preconditions, django_assert_max_num_queries, places
):
    """The coordinator's view over the whole country: a select of every municipality and
    a page of actions from many of them, whatever owns them (organisation or person) and
    wherever they come from (an analysis or basis op orde)."""
    past = timezone.localdate() - timedelta(days=10)
    for municipality in MunicipalityFactory.create_batch(places):
        analysis = AnalysisFactory(municipality=municipality)
        for _ in range(2):
            ActionFactory(analysis=analysis, due_date=past)
        ActionFactory(
            analysis=analysis,
            owner_organisation=None,
            owner_contact=ContactFactory(),
            due_date=past,
        )
        item = AssessmentItem.objects.create(
            assessment=Assessment.objects.create(
                municipality=municipality, date=past, preconditions=preconditions
            ),
            precondition=preconditions.items.first(),
            status="not",
        )
        ActionFactory(analysis=None, assessment_item=item, municipality=municipality, due_date=past)
    client = _signed_in(client_for, coordinator)
    overdue = 4 * places
    for page in (1, 2) if overdue > PAGE_SIZE else (1,):
        with django_assert_max_num_queries(ACTION_LIST):
            response = client.get(reverse("analysis:actions"), {"due": "overdue", "page": page})
        assert response.status_code == 200
        rows = response.context["actions"]
        assert len(rows) == min(PAGE_SIZE, overdue - (page - 1) * PAGE_SIZE)
        assert all(row.overdue for row in rows)
        assert {bool(row.precondition) for row in rows} == {True, False}
    html = response.content.decode()
    start = html.index('id="id_municipality"')
    select = html[start : html.index("</select>", start)]
    assert select.count("<option ") == Municipality.objects.count() + 1  # and "— choose —"
