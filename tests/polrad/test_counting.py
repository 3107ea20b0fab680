"""Several counts in one query (polrad.counting)."""

import pytest
from django.db.models import OuterRef

from network.models import ContactPerson, Organisation
from polrad.counting import counts, subquery_count
from tests.network.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_each_queryset_is_counted_in_one_query(django_assert_num_queries):
    OrganisationFactory(name="Buurthuis De Brug", is_active=True)
    OrganisationFactory(name="Moskee Al Fath", is_active=True)
    OrganisationFactory(name="Oud archief", is_active=False)
    active = Organisation.objects.filter(is_active=True)
    with django_assert_num_queries(1):
        found = counts(
            active=active,
            inactive=Organisation.objects.filter(is_active=False),
            brug=active.filter(name__icontains="brug"),
            none=active.filter(name="nobody"),
        )
    assert found == {"active": 2, "inactive": 1, "brug": 1, "none": 0}


def test_values_travel_as_parameters_not_as_sql():
    hostile = "x') AS a; DELETE FROM network_organisation; --"
    OrganisationFactory(name=hostile)
    OrganisationFactory(name="Bibliotheek")
    found = counts(
        hostile=Organisation.objects.filter(name=hostile), all=Organisation.objects.all()
    )
    assert found == {"hostile": 1, "all": 2}


def test_a_slice_or_an_ordering_counts_as_the_rows_it_holds():
    for name in ("A", "B", "C"):
        OrganisationFactory(name=name)
    found = counts(first_two=Organisation.objects.order_by("name")[:2])
    assert found == {"first_two": 2}


def test_nothing_asked_is_nothing_counted(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert counts() == {}


def test_an_empty_queryset_counts_nothing_and_costs_no_subquery(django_assert_num_queries):
    OrganisationFactory()
    with django_assert_num_queries(0):
        assert counts(
            none=Organisation.objects.none(), empty=Organisation.objects.filter(pk__in=[])
        ) == {
            "none": 0,
            "empty": 0,
        }
    with django_assert_num_queries(1):
        assert counts(none=Organisation.objects.none(), all=Organisation.objects.all()) == {
            "none": 0,
            "all": 1,
        }


def test_distinct_values_count_as_count_does():
    for kind in ("school", "school", "police"):
        OrganisationFactory(kind=kind)
    kinds = Organisation.objects.values("kind").distinct()
    assert counts(kinds=kinds) == {"kinds": kinds.count()} == {"kinds": 2}


def test_a_count_per_row_is_a_column_of_the_one_query_and_zero_when_none(
    django_assert_num_queries,
):
    brug, leeg = OrganisationFactory(name="De Brug"), OrganisationFactory(name="Leeg")
    ContactFactory.create_batch(2, organisation=brug, is_active=True)
    ContactFactory(organisation=brug, is_active=False)
    with django_assert_num_queries(1):
        found = dict(
            Organisation.objects.annotate(
                active_contacts=subquery_count(
                    ContactPerson.objects.filter(organisation=OuterRef("pk"), is_active=True)
                )
            ).values_list("name", "active_contacts")
        )
    assert found == {brug.name: 2, leeg.name: 0}
