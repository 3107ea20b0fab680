"""People by kind, contact moments, who sees contact details, and people out of touch."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import ContactPerson
from network.relationships import ContactMoment
from network.tasks import send_stale_record_digests
from polrad.accounts.roles import Role
from tests.factories import UserFactory
from tests.network.factories import ContactFactory, LanguageFactory

PHONE = "06-99887766"


@pytest.fixture
def key_figure(municipality):
    return ContactFactory(
        full_name="Imam Yusuf",
        kind=ContactPerson.Kind.KEY_FIGURE,
        phone=PHONE,
        email="sleutel@example.org",
        municipalities=[municipality],
    )


# --- the kind replaces the yes/no ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_key_figure():
    executor = MigrationExecutor(connection)
    before = [
        ("network", "0010_free_text_and_phone_validators"),
        ("signals", "0011_plausible_dates_and_numbers"),  # its next one needs the kind
    ]
    after = [("network", "0011_person_kind_and_contact_moments")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    person = old_apps.get_model("network", "ContactPerson")
    figure = person.objects.create(full_name="Sleutel", email="s@example.org", is_key_figure=True)
    other = person.objects.create(full_name="Gewoon", email="g@example.org", is_key_figure=False)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    person = new_apps.get_model("network", "ContactPerson")
    assert person.objects.get(pk=figure.pk).kind == "key_figure"
    assert person.objects.get(pk=other.pk).kind == "professional"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_key_figure_filter_still_works(client_for, professional, key_figure):
    ContactFactory(full_name="Vrijwilliger Vera", kind=ContactPerson.Kind.VOLUNTEER)
    client = client_for(professional)
    names = [
        c.full_name
        for c in client.get("/sociale-kaart/personen/?key_figure=true").context["page_obj"]
    ]
    assert names == ["Imam Yusuf"]
    names = [
        c.full_name
        for c in client.get("/sociale-kaart/personen/?kind=volunteer").context["page_obj"]
    ]
    assert names == ["Vrijwilliger Vera"]


# --- who sees contact details ----------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["coordinator", "handler", "professional", "municipal_employee", "administrator"]
)
def test_staff_of_the_network_see_contact_details(request, client_for, persona, key_figure):
    body = client_for(request.getfixturevalue(persona)).get(key_figure.get_absolute_url())
    assert PHONE in body.content.decode()


def test_a_role_model_sees_contact_details_only_with_consent(client_for, role_model, key_figure):
    client = client_for(role_model)
    vcard = reverse("network:contact-vcard", args=[key_figure.pk])
    assert PHONE not in client.get(key_figure.get_absolute_url()).content.decode()
    assert client.get(vcard).status_code == 403
    key_figure.consent_pool_contact = True
    key_figure.save()
    assert PHONE in client.get(key_figure.get_absolute_url()).content.decode()
    assert client.get(vcard).status_code == 200


def test_a_role_model_who_is_also_a_professional_sees_them(client_for, key_figure):
    both = UserFactory(roles=[Role.ROLE_MODEL, Role.PROFESSIONAL])
    assert PHONE in client_for(both).get(key_figure.get_absolute_url()).content.decode()


def test_a_user_without_a_role_sees_nothing(client_for, outsider, key_figure):
    assert client_for(outsider).get(key_figure.get_absolute_url()).status_code == 403


def test_consent_to_share_needs_a_consent_date(client_for, coordinator, key_figure):
    response = client_for(coordinator).post(
        reverse("network:contact-update", args=[key_figure.pk]),
        {
            "full_name": key_figure.full_name,
            "kind": "volunteer",
            "phone": PHONE,
            "consent_pool_contact": "on",
        },
    )
    assert response.status_code == 200
    key_figure.refresh_from_db()
    assert not key_figure.consent_pool_contact


# --- contact moments -------------------------------------------------------------------------


def test_a_coordinator_records_a_contact_moment(client_for, coordinator, key_figure):
    url = reverse("network:contact-moment", args=[key_figure.pk])
    day = timezone.localdate() - timedelta(days=2)
    response = client_for(coordinator).post(
        url, {"date": day.isoformat(), "channel": "phone", "topic": "Onrust na het nieuws"}
    )
    assert response.status_code == 302
    key_figure.refresh_from_db()
    assert key_figure.last_contact_on == day
    moment = ContactMoment.objects.get()
    assert (moment.by, moment.topic) == (coordinator, "Onrust na het nieuws")
    # An older moment recorded later leaves the last contact as it is.
    client_for(coordinator).post(
        url, {"date": (day - timedelta(days=9)).isoformat(), "channel": "email", "topic": "x"}
    )
    key_figure.refresh_from_db()
    assert key_figure.last_contact_on == day
    page = client_for(coordinator).get(key_figure.get_absolute_url()).content.decode()
    assert "Onrust na het nieuws" in page


def test_a_contact_moment_without_topic_or_in_the_future_is_refused(
    client_for, coordinator, key_figure
):
    url = reverse("network:contact-moment", args=[key_figure.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(coordinator).post(
        url, {"date": tomorrow.isoformat(), "channel": "phone", "topic": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "toekomst" in body and "waar het over ging" in body
    assert not ContactMoment.objects.exists()


@pytest.mark.parametrize("persona", ["professional", "handler"])
def test_the_professionals_of_the_network_record_contact_moments(
    request, client_for, persona, key_figure
):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    page = client.get(key_figure.get_absolute_url()).content.decode()
    assert "Contactmomenten" in page and "Contactmoment vastleggen" in page
    url = reverse("network:contact-moment", args=[key_figure.pk])
    day = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url, {"date": day.isoformat(), "channel": "in_person", "topic": "Zorgen over een jongere"}
    )
    assert response.status_code == 302
    moment = ContactMoment.objects.get()
    assert (moment.by, moment.topic) == (user, "Zorgen over een jongere")
    key_figure.refresh_from_db()
    assert key_figure.last_contact_on == day


@pytest.mark.parametrize("persona", ["role_model", "municipal_employee", "administrator"])
def test_other_roles_do_not_record_contact_moments(request, client_for, persona, key_figure):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("network:contact-moment", args=[key_figure.pk])
    response = client.post(url, {"date": "2026-11-01", "channel": "phone", "topic": "x"})
    assert response.status_code == 403
    assert "Contactmomenten" not in client.get(key_figure.get_absolute_url()).content.decode()
    assert not ContactMoment.objects.exists()


def test_an_account_without_a_role_and_an_anonymous_visitor_record_nothing(
    client, client_for, outsider, key_figure
):
    url = reverse("network:contact-moment", args=[key_figure.pk])
    data = {"date": "2026-11-01", "channel": "phone", "topic": "x"}
    anonymous = client.post(url, data)
    assert anonymous.status_code == 302 and "/account/inloggen/" in anonymous["Location"]
    assert client_for(outsider).post(url, data).status_code == 403
    assert not ContactMoment.objects.exists()


# --- out of touch ----------------------------------------------------------------------------


def test_people_without_recent_contact_are_flagged_and_listed_in_the_digest(
    client_for, coordinator, municipality, settings
):
    settings.CONTACT_OVERDUE_MONTHS = 6
    today = timezone.localdate()
    ContactFactory(
        full_name="Lang Geleden",
        kind=ContactPerson.Kind.KEY_FIGURE,
        municipalities=[municipality],
        last_contact_on=today - timedelta(days=400),
    )
    ContactFactory(
        full_name="Net Gesproken",
        kind=ContactPerson.Kind.VOLUNTEER,
        municipalities=[municipality],
        last_contact_on=today - timedelta(days=10),
    )
    ContactFactory(full_name="Een Professional", municipalities=[municipality])
    flagged = client_for(coordinator).get("/sociale-kaart/personen/?out_of_touch=true")
    assert [c.full_name for c in flagged.context["page_obj"]] == ["Lang Geleden"]
    assert send_stale_record_digests.delay().get() == 1
    body = mail.outbox[0].body
    assert "Lang Geleden" in body
    assert "Net Gesproken" not in body and "Een Professional" not in body


PEOPLE_LIST_MAX_QUERIES = 10


@pytest.mark.parametrize("persona", ["coordinator", "professional"])
def test_the_people_list_with_last_contact_runs_the_same_few_queries_for_any_size(
    request, client_for, persona, municipality
):
    # Session, user, second factor, permissions; the count, the page, its two lists of
    # municipalities and languages, and every filter's choices in one query.
    client = client_for(request.getfixturevalue(persona))
    language = LanguageFactory()
    counts = []
    for people in (2, 40):
        for _ in range(people):
            ContactFactory(
                kind=ContactPerson.Kind.KEY_FIGURE,
                last_contact_on=timezone.localdate() - timedelta(days=400),
                municipalities=[municipality],
                languages=[language],
            )
        client.get(reverse("network:contact-list"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("network:contact-list"))
        assert response.status_code == 200
        assert "geen recent contact" in response.content.decode()
        counts.append(len(queries))
    # A list on one page needs no count query: its rows are its count.
    assert counts[0] <= counts[1] <= PEOPLE_LIST_MAX_QUERIES
