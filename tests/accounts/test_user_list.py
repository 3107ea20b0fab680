import pytest
from django.urls import reverse

from polrad.accounts.roles import Role
from tests.factories import UserFactory
from tests.pages import page_link


@pytest.mark.parametrize("extra_users", [5, 120])
def test_user_list_runs_a_bounded_number_of_queries(
    client_for, coordinator, municipality, extra_users, django_assert_max_num_queries
):
    UserFactory.create_batch(extra_users, roles=[Role.HANDLER], municipalities=[municipality])
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:user-list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(extra_users + 1, 50)


def test_user_list_searches_by_name_or_email(client_for, coordinator):
    UserFactory(full_name="Sanne de Vries", email="sanne@example.org")
    UserFactory(full_name="Ahmed Yilmaz", email="ahmed@example.org")
    response = client_for(coordinator).get(reverse("accounts:user-list"), {"q": "vries"})
    names = [u.full_name for u in response.context["page_obj"]]
    assert names == ["Sanne de Vries"]


def test_dashboard_runs_a_bounded_number_of_queries(
    client_for, handler, django_assert_max_num_queries
):
    client = client_for(handler)
    client.get(reverse("dashboard"))  # the session's first request stores its start time
    with django_assert_max_num_queries(8):
        assert client.get(reverse("dashboard")).status_code == 200


def test_user_list_is_refused_to_professionals(client_for, professional):
    assert client_for(professional).get(reverse("accounts:user-list")).status_code == 403


def test_user_list_pages_keep_the_search(client_for, coordinator):
    for number in range(55):
        UserFactory(full_name=f"De Vries {number:02d}")
    UserFactory(full_name="Ahmed Yilmaz")
    client = client_for(coordinator)
    first = client.get(reverse("accounts:user-list"), {"q": "vries"})
    second = client.get(reverse("accounts:user-list") + page_link(first, "next"))
    names = [u.full_name for u in [*first.context["page_obj"], *second.context["page_obj"]]]
    assert names == [f"De Vries {n:02d}" for n in range(55)]
    assert "Pagina 2 van 2" in second.content.decode()
