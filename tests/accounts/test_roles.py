import pytest
from django.urls import reverse

from network.selectors import municipalities_visible_to
from polrad.accounts.roles import ROLE_PERMISSIONS, Role
from tests.factories import UserFactory

MAP = {"/sociale-kaart/", "/interventies/", "/trainingen/"}  # every role on the social map
NAV = {
    "coordinator": {
        "/",
        *MAP,
        "/rolmodellen/",
        "/meldingen/",
        "/analyses/",
        "/rapportages/",
        "/account/gebruikers/",
    },
    "handler": {"/", *MAP, "/meldingen/"},
    "role_model": {"/", *MAP, "/rolmodellen/", "/meldingen/"},
    "professional": {"/", *MAP, "/meldingen/"},
    "municipal_employee": {"/", *MAP, "/analyses/", "/rapportages/"},
    "administrator": {"/", *MAP, "/account/gebruikers/", "/admin/"},
    "outsider": {"/"},
}
ALL_SECTIONS = set().union(*NAV.values())
# The catalogue's public entries are readable by anyone, so its list answers everyone.
PUBLIC = {"/interventies/"}


@pytest.mark.parametrize("persona", NAV)
def test_navigation_shows_each_role_only_what_it_may_use(
    request, client_for, persona, municipality
):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("dashboard"))
    shown = {item["url"] for item in response.context["navigation"]}
    assert shown == NAV[persona]
    for url in ALL_SECTIONS - {"/admin/"}:
        status = client.get(url, follow=True).status_code
        assert status == (200 if url in shown | PUBLIC else 403), (persona, url, status)


def test_every_role_has_a_group_with_its_permissions(db):
    from django.contrib.auth.models import Group

    for role in Role:
        group = Group.objects.get(name=role)
        codes = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert codes == set(ROLE_PERMISSIONS[role])


def test_a_user_may_hold_several_roles(client_for, municipality):
    user = UserFactory(roles=[Role.HANDLER, Role.ROLE_MODEL], municipalities=[municipality])
    response = client_for(user).get(reverse("dashboard"))
    shown = {item["url"] for item in response.context["navigation"]}
    assert {"/meldingen/", "/rolmodellen/"} <= shown


def test_handler_sees_only_their_own_municipalities(handler, municipality, other_municipality):
    assert list(municipalities_visible_to(handler)) == [municipality]


def test_municipal_employee_sees_only_their_own_municipalities(
    municipal_employee, municipality, other_municipality
):
    assert list(municipalities_visible_to(municipal_employee)) == [municipality]


def test_coordinator_sees_every_municipality(coordinator, municipality, other_municipality):
    assert set(municipalities_visible_to(coordinator)) == {municipality, other_municipality}


def test_scope_shows_on_the_reports_page(client_for, municipal_employee, other_municipality):
    body = client_for(municipal_employee).get(reverse("reports:index")).content.decode()
    assert "Groningen" in body and "Westerwolde" not in body


def test_admin_is_for_administrators_only(client_for, administrator, coordinator):
    assert client_for(administrator).get("/admin/").status_code == 200


def test_admin_refuses_a_coordinator(client_for, coordinator):
    response = client_for(coordinator).get("/admin/")
    assert response.status_code == 302
