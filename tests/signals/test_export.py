"""The handler's CSV of the work queue: facts only, scoped, filtered, and logged per concern."""

import pytest
from django.urls import reverse

from signals import exports
from signals.models import AccessLog
from tests.factories import MunicipalityFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

SECRET = "Een leerling deelt filmpjes van een extremistische groep"
NAMES = "Ahmed de Vries, klas 3b"
EXPORT = reverse("signals:export")


def csv_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def concerns(municipality):
    online = CategoryFactory(name="Online uitingen")
    mine = [
        ConcernFactory(
            municipality=municipality, category=online, observed=SECRET, persons_involved=NAMES
        )
        for _ in range(3)
    ]
    elsewhere = ConcernFactory(municipality=MunicipalityFactory(name="Westerwolde"))
    return mine, elsewhere


def test_handler_exports_the_facts_of_her_municipality_and_each_is_logged(
    client_for, handler, concerns
):
    mine, elsewhere = concerns
    response = client_for(handler).get(EXPORT)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    text = csv_of(response)
    lines = text.strip().splitlines()
    assert lines[0].startswith("Kenmerk;Ingediend;Categorie;Gemeente")
    assert len(lines) == 1 + len(mine)
    assert all(concern.reference in text for concern in mine)
    assert elsewhere.reference not in text
    assert SECRET not in text and NAMES not in text  # never content, never names
    logged = AccessLog.objects.filter(user=handler, action=AccessLog.Action.EXPORT)
    assert sorted(logged.values_list("concern_id", flat=True)) == sorted(c.pk for c in mine)


def test_export_follows_the_filters(client_for, handler, concerns, municipality):
    other = CategoryFactory(name="Haat")
    hate = ConcernFactory(municipality=municipality, category=other)
    text = csv_of(client_for(handler).get(EXPORT, {"category": other.pk}))
    assert hate.reference in text
    assert all(concern.reference not in text for concern in concerns[0])


def test_too_big_an_export_is_refused_and_nothing_logged(
    client_for, handler, concerns, monkeypatch
):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    response = client_for(handler).get(EXPORT)
    assert response.status_code == 302 and response.url.startswith(reverse("signals:queue"))
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


@pytest.mark.parametrize(
    "persona", ["coordinator", "municipal_employee", "role_model", "professional", "outsider"]
)
def test_others_cannot_export(client_for, request, persona, concerns):
    response = client_for(request.getfixturevalue(persona)).get(EXPORT)
    assert response.status_code == 403
    assert not AccessLog.objects.exists()


def test_anonymous_is_sent_to_login(client, concerns):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "inloggen" in response.url


def test_export_queries_are_bounded(
    client_for, handler, municipality, django_assert_max_num_queries
):
    ConcernFactory.create_batch(30, municipality=municipality)
    client = client_for(handler)
    with django_assert_max_num_queries(14):
        response = client.get(EXPORT)
        csv_of(response)
