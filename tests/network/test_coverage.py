import pytest
from django.urls import reverse

from tests.network.factories import (
    ContactFactory,
    ContributionFactory,
    DomainFactory,
    OrganisationFactory,
    ThemeFactory,
)

COVERAGE = reverse("network:coverage")


@pytest.fixture
def domains(db):
    return DomainFactory(name="Onderwijs"), DomainFactory(name="Zorg")


def cell(response, municipality, term):
    for row in response.context["rows"]:
        if row["municipality"] == municipality:
            for item in row["cells"]:
                if item["term"] == term:
                    return item
    raise AssertionError("cell not found")


def test_cells_count_active_organisations_and_key_figures_and_mark_white_spots(
    client_for, coordinator, municipality, other_municipality, domains
):
    education, care = domains
    OrganisationFactory(municipalities=[municipality], domains=[education])
    OrganisationFactory(municipalities=[municipality, other_municipality], domains=[education])
    OrganisationFactory(municipalities=[municipality], domains=[care], is_active=False)
    ContactFactory(is_key_figure=True, municipalities=[municipality], domains=[care])
    ContactFactory(is_key_figure=False, municipalities=[other_municipality], domains=[care])
    response = client_for(coordinator).get(COVERAGE)
    assert cell(response, municipality, education)["count"] == 2
    assert cell(response, municipality, care)["count"] == 1
    assert cell(response, other_municipality, education)["count"] == 1
    white = cell(response, other_municipality, care)
    assert white["count"] == 0
    assert f"municipality={other_municipality.pk}" in white["url"]
    assert f"domain={care.pk}" in white["url"]
    body = response.content.decode()
    assert body.count('class="white-spot"') == 1


def test_coverage_by_theme_and_by_contribution(client_for, coordinator, municipality):
    theme = ThemeFactory(name="Online uitingen")
    contribution = ContributionFactory(name="Toegang tot jongeren")
    OrganisationFactory(municipalities=[municipality], themes=[theme])
    client = client_for(coordinator)
    assert cell(client.get(COVERAGE, {"axis": "theme"}), municipality, theme)["count"] == 1
    by_contribution = client.get(COVERAGE, {"axis": "contribution"})
    assert cell(by_contribution, municipality, contribution)["count"] == 0


def test_municipal_staff_see_only_their_own_municipalities(
    client_for, municipal_employee, municipality, other_municipality, domains
):
    response = client_for(municipal_employee).get(COVERAGE)
    assert [row["municipality"] for row in response.context["rows"]] == [municipality]


@pytest.mark.parametrize("rows", [10, 200])
def test_coverage_runs_a_bounded_number_of_queries(
    client_for, coordinator, municipality, domains, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        OrganisationFactory(municipalities=[municipality], domains=list(domains))
        ContactFactory(is_key_figure=True, municipalities=[municipality], domains=[domains[0]])
    client = client_for(coordinator)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(12):
        assert client.get(COVERAGE).status_code == 200


def test_counts_are_cached_and_a_coordinators_change_shows_at_once(
    client_for, coordinator, municipality, domains, django_capture_on_commit_callbacks
):
    education, _care = domains
    organisation = OrganisationFactory(municipalities=[municipality], domains=[education])
    client = client_for(coordinator)
    assert cell(client.get(COVERAGE), municipality, education)["count"] == 1
    OrganisationFactory(municipalities=[municipality], domains=[education])  # not via a service
    assert cell(client.get(COVERAGE), municipality, education)["count"] == 1  # cached
    with django_capture_on_commit_callbacks(execute=True):  # any write through a service
        client.post(
            reverse("network:organisation-set-active", args=[organisation.pk]), {"active": "1"}
        )
    assert cell(client.get(COVERAGE), municipality, education)["count"] == 2


def test_coordinator_picks_a_municipality_for_the_pdf(client_for, coordinator, municipality):
    response = client_for(coordinator).get(
        reverse("network:municipality-pdf-choose"), {"municipality": municipality.pk}
    )
    assert response["Location"] == reverse("network:municipality-pdf", args=[municipality.pk])


def test_municipal_staff_cannot_pick_another_municipality_for_the_pdf(
    client_for, municipal_employee, other_municipality
):
    response = client_for(municipal_employee).get(
        reverse("network:municipality-pdf-choose"), {"municipality": other_municipality.pk}
    )
    assert response.status_code == 404


def test_one_municipalitys_row_counts_as_the_matrix_in_one_query(
    municipality, other_municipality, domains, django_assert_num_queries
):
    from network.selectors import coverage_counts, coverage_row

    education, care = domains
    OrganisationFactory(municipalities=[municipality, other_municipality], domains=[education])
    OrganisationFactory(municipalities=[municipality], domains=[education, care])
    OrganisationFactory(municipalities=[municipality], domains=[care], is_active=False)
    ContactFactory(is_key_figure=True, municipalities=[municipality], domains=[care])
    ContactFactory(is_key_figure=False, municipalities=[municipality], domains=[care])
    with django_assert_num_queries(1):
        row = coverage_row(municipality)
    assert row == [("Onderwijs", 2), ("Zorg", 2)]
    matrix = coverage_counts(axis="domains", municipalities=[municipality])
    assert row == [
        ("Onderwijs", matrix[(municipality.pk, education.pk)]),
        ("Zorg", matrix[(municipality.pk, care.pk)]),
    ]
    assert coverage_row(other_municipality) == [("Onderwijs", 1), ("Zorg", 0)]
