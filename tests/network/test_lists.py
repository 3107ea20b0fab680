import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from polrad import pagination
from tests.network.factories import (
    ContactFactory,
    ContributionFactory,
    DomainFactory,
    LanguageFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.pages import page_link

ORGANISATIONS = reverse("network:organisation-list")
CONTACTS = reverse("network:contact-list")


def names(response, attr="name"):
    return [getattr(obj, attr) for obj in response.context["page_obj"]]


@pytest.fixture
def youth_work(db):
    return DomainFactory(name="Jongerenwerk")


@pytest.fixture
def sports(db):
    return DomainFactory(name="Sport en cultuur")


def test_anonymous_visitor_sees_nothing_of_the_map(client, db):
    OrganisationFactory(name="Buurthuis De Linde")
    for url in [ORGANISATIONS, CONTACTS, reverse("network:coverage")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona",
    ["coordinator", "handler", "role_model", "professional", "municipal_employee", "administrator"],
)
def test_every_network_member_can_browse_the_map(db, request, client_for, persona):
    OrganisationFactory(name="Buurthuis De Linde")
    client = client_for(request.getfixturevalue(persona))
    assert names(client.get(ORGANISATIONS)) == ["Buurthuis De Linde"]


def test_an_account_without_any_role_sees_nothing_of_the_map(client_for, outsider):
    OrganisationFactory(name="Buurthuis De Linde")
    contact = ContactFactory(phone="06-99990000")
    client = client_for(outsider)
    for url in [ORGANISATIONS, CONTACTS, reverse("network:coverage"), contact.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "06-99990000" not in response.content.decode()
    assert client.get(reverse("network:organisation-export")).status_code == 403


def test_filters_by_municipality_domain_theme_contribution_partner_and_type(
    client_for, professional, municipality, other_municipality, youth_work, sports
):
    theme = ThemeFactory(name="Radicalisering")
    access = ContributionFactory(name="Toegang tot jongeren")
    OrganisationFactory(
        name="Jongerenwerk Stad",
        municipalities=[municipality],
        domains=[youth_work],
        themes=[theme],
        contributions=[access],
        is_partner=True,
        kind="youth_work",
    )
    OrganisationFactory(
        name="Sportclub Oost",
        municipalities=[other_municipality],
        domains=[sports],
        kind="sports",
    )
    client = client_for(professional)
    cases = [
        ({"municipality": municipality.pk}, ["Jongerenwerk Stad"]),
        ({"municipality": other_municipality.pk}, ["Sportclub Oost"]),
        ({"domain": sports.pk}, ["Sportclub Oost"]),
        ({"theme": theme.pk}, ["Jongerenwerk Stad"]),
        ({"contribution": access.pk}, ["Jongerenwerk Stad"]),
        ({"partner": "true"}, ["Jongerenwerk Stad"]),
        ({"partner": "false"}, ["Sportclub Oost"]),
        ({"kind": "sports"}, ["Sportclub Oost"]),
        ({"municipality": municipality.pk, "domain": sports.pk}, []),
    ]
    for params, expected in cases:
        assert names(client.get(ORGANISATIONS, params)) == expected, params


def test_contact_filters_by_key_figure_language_community_and_municipality(
    client_for, professional, municipality, other_municipality
):
    arabic = LanguageFactory(name="Arabisch")
    ContactFactory(
        full_name="Fatima",
        is_key_figure=True,
        languages=[arabic],
        municipalities=[municipality],
        organisation=None,
    )
    ContactFactory(full_name="Peter", municipalities=[other_municipality])
    client = client_for(professional)
    assert names(client.get(CONTACTS, {"key_figure": "true"}), "full_name") == ["Fatima"]
    assert names(client.get(CONTACTS, {"language": arabic.pk}), "full_name") == ["Fatima"]
    assert names(client.get(CONTACTS, {"municipality": other_municipality.pk}), "full_name") == [
        "Peter"
    ]


def test_search_finds_substrings_of_names_and_words_in_descriptions(client_for, professional):
    OrganisationFactory(name="Huurdersvereniging De Wierden")
    OrganisationFactory(name="Moskee Selimiye", description="Gebedshuis en ontmoetingsplek")
    OrganisationFactory(name="Sportclub Oost")
    client = client_for(professional)
    assert names(client.get(ORGANISATIONS, {"q": "vereniging"})) == [
        "Huurdersvereniging De Wierden"
    ]
    assert names(client.get(ORGANISATIONS, {"q": "ontmoetingsplek"})) == ["Moskee Selimiye"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on Postgres")
def test_dutch_full_text_search_matches_plurals_and_ranks_name_hits_first(client_for, professional):
    OrganisationFactory(name="Stichting Jeugd", description="Wij helpen jongeren en scholen")
    OrganisationFactory(name="School De Regenboog", description="Basisschool")
    client = client_for(professional)
    found = names(client.get(ORGANISATIONS, {"q": "school"}))
    assert found[0] == "School De Regenboog"
    assert "Stichting Jeugd" in found  # "scholen" is the plural of "school"


def test_list_is_paginated_and_sortable_with_filters_kept_in_the_url(
    client_for, professional, youth_work
):
    for number in range(60):
        OrganisationFactory(name=f"Org {number:02d}", domains=[youth_work])
    OrganisationFactory(name="Org 00 elders")  # another domain: filtered out
    client = client_for(professional)
    first = client.get(ORGANISATIONS, {"domain": youth_work.pk})
    assert names(first)[:2] == ["Org 00", "Org 01"] and len(names(first)) == 25
    assert page_link(first, "prev") is None and "Pagina 1 van 3" in first.content.decode()
    next_url = page_link(first, "next")
    assert next_url.startswith(f"?domain={youth_work.pk}&cursor=")
    second = client.get(ORGANISATIONS + next_url)
    assert names(second) == [f"Org {n}" for n in range(25, 50)]
    third = client.get(ORGANISATIONS + page_link(second, "next"))
    page = third.content.decode()
    assert names(third) == [f"Org {n}" for n in range(50, 60)] and page_link(third, "next") is None
    assert "Pagina 3 van 3" in page and 'aria-current="page"' in page
    assert f'href="?domain={youth_work.pk}">Eerste pagina</a>' in page
    back = client.get(ORGANISATIONS + page_link(third, "prev"))
    assert names(back) == names(second)
    assert page_link(back, "prev") == f"?domain={youth_work.pk}"  # page 2 leads to the first page
    descending = client.get(ORGANISATIONS, {"sort": "-name"})
    assert names(descending)[0] == "Org 59"


@pytest.mark.parametrize("cursor", ["garbage", "eyJrIjpbXX0:forged", "%00%ff", "1" * 3000, "a:b:c"])
def test_a_tampered_or_stale_page_link_shows_the_first_page(client_for, professional, cursor):
    for number in range(30):
        OrganisationFactory(name=f"Org {number:02d}")
    response = client_for(professional).get(f"{ORGANISATIONS}?cursor={cursor}")
    assert response.status_code == 200
    assert names(response)[0] == "Org 00"


def test_a_long_list_says_its_count_is_approximate(client_for, professional, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 10)
    for number in range(30):
        OrganisationFactory(name=f"Org {number:02d}")
    page = client_for(professional).get(ORGANISATIONS).content.decode()
    assert re.search(r'role="status">(ongeveer|meer dan) [\d.]+ organisaties</p>', page)
    assert "Pagina 1</span>" in page  # the number of pages is not known either
    filtered = client_for(professional).get(ORGANISATIONS, {"q": "Org 1"}).content.decode()
    assert 'role="status">10 organisaties</p>' in filtered


def test_records_not_verified_for_a_year_are_flagged_and_filterable(client_for, coordinator):
    OrganisationFactory(name="Fris", last_verified_at=timezone.now() - timedelta(days=20))
    OrganisationFactory(name="Oud", last_verified_at=timezone.now() - timedelta(days=400))
    OrganisationFactory(name="Nooit", last_verified_at=None)
    client = client_for(coordinator)
    response = client.get(ORGANISATIONS)
    badges = response.content.decode().count(">12 maanden niet gecontroleerd</span>")
    assert badges == 2
    assert names(client.get(ORGANISATIONS, {"stale": "true"})) == ["Nooit", "Oud"]


def test_longest_unverified_first_starts_with_the_never_verified_on_every_page(
    client_for, coordinator, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 10)
    now = timezone.now()
    employer = OrganisationFactory(name="Org 00", last_verified_at=now)
    for days in range(3):
        OrganisationFactory(name=f"Nooit {days}", last_verified_at=None)
        ContactFactory(full_name=f"Nooit {days}", last_verified_at=None, organisation=employer)
    for days in range(30):
        verified = now - timedelta(days=days)
        if days:
            OrganisationFactory(name=f"Org {days:02d}", last_verified_at=verified)
        ContactFactory(
            full_name=f"Persoon {days:02d}", last_verified_at=verified, organisation=employer
        )
    client = client_for(coordinator)
    expected = [f"Nooit {n}" for n in range(3)] + [f"Org {days:02d}" for days in range(29, -1, -1)]
    first = client.get(ORGANISATIONS, {"sort": "verified"})
    second = client.get(ORGANISATIONS + page_link(first, "next"))
    assert names(first) + names(second) == expected
    assert names(client.get(ORGANISATIONS + page_link(second, "prev"))) == names(first)
    people = client.get(CONTACTS, {"sort": "verified"})
    assert names(people, "full_name")[:4] == ["Nooit 0", "Nooit 1", "Nooit 2", "Persoon 29"]


def test_deactivated_organisations_are_hidden_except_for_coordinators_who_ask(
    client_for, coordinator, professional
):
    OrganisationFactory(name="Opgeheven", is_active=False)
    OrganisationFactory(name="Actief")
    assert names(client_for(professional).get(ORGANISATIONS, {"inactive": "1"})) == ["Actief"]
    client = client_for(coordinator)
    assert names(client.get(ORGANISATIONS)) == ["Actief"]
    assert names(client.get(ORGANISATIONS, {"inactive": "1"})) == ["Actief", "Opgeheven"]


def test_bad_filter_values_are_reported_not_crashing(client_for, professional):
    response = client_for(professional).get(ORGANISATIONS, {"municipality": "abc", "sort": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_lists_run_a_bounded_number_of_queries(
    client_for, professional, municipality, youth_work, rows, django_assert_max_num_queries
):
    language = LanguageFactory()
    for _ in range(rows):
        organisation = OrganisationFactory(municipalities=[municipality], domains=[youth_work])
        ContactFactory(
            organisation=organisation, municipalities=[municipality], languages=[language]
        )
    client = client_for(professional)
    client.get(reverse("dashboard"))  # the session's first request stores its start time
    # The filter on a domain reads the chosen domain once more.
    with django_assert_max_num_queries(11):
        assert client.get(ORGANISATIONS, {"domain": youth_work.pk}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(ORGANISATIONS).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(CONTACTS).status_code == 200
    if rows < 100:
        return
    # A deep page costs what the first costs: no OFFSET, the same queries.
    deep = f"{ORGANISATIONS}?cursor={client.get(ORGANISATIONS).context['paginator'].page_cursor(7)}"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(deep).status_code == 200
    assert not [q for q in queries if "OFFSET" in q["sql"].upper()]
    with django_assert_max_num_queries(10):
        assert client.get(deep).status_code == 200
