"""The handelingskader's pages answer in at most 10 queries for their user, the per-request
baseline (session, user, second-factor device, permissions) included, on a cold cache as
well, and the same for few and many rows."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from polrad.accounts.roles import Role
from signals.models import CaseConference
from signals.workflow import State
from tests.factories import MunicipalityFactory, UserFactory
from tests.interventions.factories import (
    DocumentFactory,
    GuidanceFactory,
    InterventionFactory,
    PracticeExampleFactory,
    ProviderFactory,
    form,
)
from tests.network.factories import AgreementFactory, ContactFactory, OrganisationFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

pytestmark = pytest.mark.django_db

PAGE_BOUND = 10
# The concern's page also writes its access-log row and shows the whole file beside the
# guidance: case conferences (two queries, with who attended and what they chose), actions,
# referrals, notes and history (one each). At most 10 as in production, where the session is
# read from Redis (cached_db); one more where sessions live in the database only.
CONCERN_PAGE_BOUND = 10 + (settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")


def _signed_in(client_for, user):
    """A client whose session already made its first request (which records the session's
    start), with an empty cache: what is counted is the page itself, cold."""
    client = client_for(user)
    client.get(reverse("accounts:profile"))
    cache.clear()
    return client


def _catalogue(rows, municipality):
    for index in range(rows):
        intervention = InterventionFactory(forms=[form()])
        if index % 3 == 0:
            ProviderFactory(
                intervention=intervention,
                organisation=OrganisationFactory(municipalities=[municipality]),
            )
    MunicipalityFactory.create_batch(rows // 10)


@pytest.mark.parametrize("rows", [10, 100])
@pytest.mark.parametrize("persona", ["professional", "coordinator"])
def test_catalogue_with_and_without_filters_stays_within_the_bound(
    client_for, request, municipality, django_assert_max_num_queries, rows, persona
):
    _catalogue(rows, municipality)
    client = _signed_in(client_for, request.getfixturevalue(persona))
    url = reverse("interventions:list")
    searches = [
        {},
        {"kind": "preventive", "form": form().pk, "municipality": municipality.pk},
        {"q": "Interventie", "evidence_level": "practice_example"},
    ]
    for params in searches:
        with django_assert_max_num_queries(PAGE_BOUND):
            response = client.get(url, params)
        assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(rows, 25)


def test_catalogue_for_anonymous_visitors_stays_within_the_bound(
    client, municipality, django_assert_max_num_queries
):
    _catalogue(30, municipality)
    with django_assert_max_num_queries(PAGE_BOUND):
        assert client.get(reverse("interventions:list")).status_code == 200


def test_a_new_form_of_polarisation_shows_in_the_filter_at_once(client_for, professional):
    client = client_for(professional)
    client.get(reverse("interventions:list"))  # the lists are cached now
    new = type(form())(name="Nieuwe vorm", slug="nieuwe-vorm")
    new.save()
    html = client.get(reverse("interventions:list")).content.decode()
    assert f'value="{new.pk}">Nieuwe vorm</option>' in html
    new.is_active = False
    new.save()
    assert "Nieuwe vorm" not in client.get(reverse("interventions:list")).content.decode()


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize("persona", ["professional", "coordinator"])
def test_detail_stays_within_the_bound(
    client_for, request, django_assert_max_num_queries, rows, persona
):
    intervention = InterventionFactory(forms=[form()])
    for _ in range(rows):
        ProviderFactory(intervention=intervention, organisation=ContactFactory().organisation)
        PracticeExampleFactory(intervention=intervention)
        GuidanceFactory(interventions=[intervention], forms=[form()])
    intervention.documents.set(DocumentFactory.create_batch(rows))
    client = _signed_in(client_for, request.getfixturevalue(persona))
    with django_assert_max_num_queries(PAGE_BOUND):
        response = client.get(reverse("interventions:detail", args=[intervention.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert form().name in html and "Document" in html and "Situatie" in html


def test_detail_lists_only_the_documents_and_cards_a_visitor_may_see(client):
    intervention = InterventionFactory(is_public=True, forms=[form()])
    public, members = DocumentFactory(is_public=True), DocumentFactory(title="Intern stuk")
    intervention.documents.set([public, members])
    GuidanceFactory(interventions=[intervention], is_public=True, title="Openbare kaart")
    GuidanceFactory(interventions=[intervention], title="Kaart voor leden")
    html = client.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    assert public.title in html and "Openbare kaart" in html and form().name in html
    assert "Intern stuk" not in html and "Kaart voor leden" not in html


@pytest.mark.parametrize("cards", [2, 20])
def test_guidance_list_stays_within_the_bound(
    client_for, professional, django_assert_max_num_queries, cards
):
    for _ in range(cards):
        GuidanceFactory(forms=[form()], interventions=InterventionFactory.create_batch(2))
    client = _signed_in(client_for, professional)
    with django_assert_max_num_queries(PAGE_BOUND):
        assert client.get(reverse("interventions:guidance-list")).status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_concern_page_with_guidance_stays_within_the_bound(
    client_for, handler, municipality, django_assert_max_num_queries, rows
):
    category = CategoryFactory(polarisation_form=form("online-uitingen"))
    concern = ConcernFactory(
        municipality=municipality, category=category, state=State.IN_ASSESSMENT
    )
    for _ in range(rows):
        GuidanceFactory(
            forms=[form("online-uitingen")],
            interventions=InterventionFactory.create_batch(2),
            responsibilities=["first_contact", "prevention"],
        )
        AgreementFactory(municipality=municipality)
        OrganisationFactory(municipalities=[municipality])
        UserFactory(roles=[Role.HANDLER], municipalities=[municipality])
        conference = CaseConference.objects.create(
            concern=concern, held_on=timezone.localdate(), decisions="Gesprek met de school."
        )
        conference.organisations.set(OrganisationFactory.create_batch(2))
        conference.interventions.set(InterventionFactory.create_batch(2))
    client = _signed_in(client_for, handler)
    url = reverse("signals:detail", args=[concern.pk])
    # Cold: the lists, the cards and the agreements, and the session row again (the cache that
    # held it was cleared).
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(CONCERN_PAGE_BOUND):
        response = client.get(url)
    forms = response.context
    assert len(forms["assign_form"].fields["handler"].choices) == rows + 2  # and the empty one
    assert len(forms["referral_form"].fields["organisation"].choices) == rows + 1
    assert len(forms["guidance"]) == rows
    assert [len(c.attending) + len(c.chosen) for c in forms["conferences"]] == [4] * rows
