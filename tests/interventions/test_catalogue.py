import pytest
from django.db import connection
from django.urls import reverse

from network.models import Intervention, InterventionProvider
from tests.interventions.factories import (
    InterventionFactory,
    ProviderFactory,
    form,
)
from tests.network.factories import ContactFactory, OrganisationFactory
from tests.rolemodels.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _names(response):
    return [i.name for i in response.context["page_obj"]]


def test_public_detail_shows_the_provider_but_no_contact_person(client, coordinator):
    intervention = InterventionFactory(is_public=True, name="Buurtbemiddeling")
    organisation = OrganisationFactory(name="WIJ Groningen")
    contact = ContactFactory(organisation=organisation, full_name="Ruben Jansen")
    ProviderFactory(intervention=intervention, organisation=organisation, contact=contact)
    page = client.get(reverse("interventions:detail", args=[intervention.pk])).content.decode()
    assert "WIJ Groningen" in page
    assert "Ruben Jansen" not in page and contact.phone not in page and contact.email not in page


def test_members_see_whom_to_contact(client_for, professional):
    intervention = InterventionFactory()
    contact = ContactFactory(full_name="Ruben Jansen")
    ProviderFactory(intervention=intervention, organisation=contact.organisation, contact=contact)
    page = client_for(professional).get(reverse("interventions:detail", args=[intervention.pk]))
    assert "Ruben Jansen" in page.content.decode()


def test_html_in_a_description_is_shown_escaped(client_for, professional):
    intervention = InterventionFactory(summary="<script>alert(1)</script>", goals="<b>doel</b>")
    page = client_for(professional).get(reverse("interventions:detail", args=[intervention.pk]))
    html = page.content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;doel&lt;/b&gt;" in html


def test_faceted_filters(client_for, professional, municipality, other_municipality):
    reactive = InterventionFactory(
        name="Reactief", kind=Intervention.Kind.REACTIVE, target_groups=["parents"]
    )
    reactive.forms.set([form("online-uitingen")])
    ProviderFactory(
        intervention=reactive, organisation=OrganisationFactory(municipalities=[municipality])
    )
    other = InterventionFactory(name="Preventief", target_groups=["young_people"])
    ProviderFactory(
        intervention=other, organisation=OrganisationFactory(municipalities=[other_municipality])
    )
    client = client_for(professional)
    url = reverse("interventions:list")
    assert _names(client.get(url, {"kind": "reactive"})) == ["Reactief"]
    assert _names(client.get(url, {"form": form("online-uitingen").pk})) == ["Reactief"]
    assert _names(client.get(url, {"target_group": "young_people"})) == ["Preventief"]
    assert _names(client.get(url, {"municipality": municipality.pk})) == ["Reactief"]
    assert _names(client.get(url, {"evidence_level": "effective"})) == []


def test_search_finds_words_in_the_description(client_for, professional):
    InterventionFactory(name="Portiekgesprekken", approach="Bewoners van een flat praten samen.")
    InterventionFactory(name="Weerbaarheid", summary="Online propaganda herkennen.")
    client = client_for(professional)
    found = _names(client.get(reverse("interventions:list"), {"q": "portiek"}))
    assert found == ["Portiekgesprekken"]
    if connection.vendor == "postgresql":  # Dutch stemming: "flats" finds "flat"
        found = _names(client.get(reverse("interventions:list"), {"q": "flats"}))
        assert found == ["Portiekgesprekken"]


def test_csv_export_guards_against_formulas(client_for, professional):
    intervention = InterventionFactory(name='=HYPERLINK("http://x")', costs="@SUM(A1)")
    ProviderFactory(intervention=intervention, organisation=OrganisationFactory(name="Org A"))
    response = client_for(professional).get(reverse("interventions:export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "'=HYPERLINK" in body and "'@SUM(A1)" in body and "Org A" in body


def _valid_post(**overrides):
    data = {
        "name": "Dialoogtafels",
        "summary": "Bewoners in gesprek na een incident.",
        "kind": "reactive",
        "category": "neighbourhood",
        "level": "group",
        "evidence_level": "practice_example",
        "target_groups": ["community"],
        "forms": [form().pk],
        "providers-TOTAL_FORMS": "1",
        "providers-INITIAL_FORMS": "0",
        "providers-MIN_NUM_FORMS": "0",
        "providers-MAX_NUM_FORMS": "1000",
        "providers-0-organisation": "",
        "providers-0-contact": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_intervention_with_a_provider(client_for, coordinator):
    organisation = OrganisationFactory()
    response = client_for(coordinator).post(
        reverse("interventions:create"),
        _valid_post(**{"providers-0-organisation": organisation.pk}),
    )
    intervention = Intervention.objects.get(name="Dialoogtafels")
    assert response.status_code == 302
    assert intervention.target_groups == ["community"]
    assert list(intervention.providers.values_list("organisation", flat=True)) == [organisation.pk]
    assert intervention.history.first().history_user == coordinator


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"name": ""}, "name"),
        ({"kind": "sometimes"}, "kind"),
        ({"evidence_level": "effective"}, "evidence_source"),
        ({"target_groups": ["aliens"]}, "target_groups"),
    ],
)
def test_bad_input_saves_nothing(client_for, coordinator, overrides, field):
    response = client_for(coordinator).post(
        reverse("interventions:create"), _valid_post(**overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Intervention.objects.exists()


def test_a_duplicate_name_is_refused_in_dutch(client_for, coordinator):
    InterventionFactory(name="Dialoogtafels")
    response = client_for(coordinator).post(
        reverse("interventions:create"), _valid_post(name="  dialoogtafels ")
    )
    assert response.context["form"].errors["name"] == [
        "Er bestaat al een interventie met deze naam."
    ]


def test_a_contact_of_another_organisation_is_refused(client_for, coordinator):
    contact = ContactFactory()
    response = client_for(coordinator).post(
        reverse("interventions:create"),
        _valid_post(
            **{
                "providers-0-organisation": OrganisationFactory().pk,
                "providers-0-contact": contact.pk,
            }
        ),
    )
    assert response.status_code == 200 and not Intervention.objects.exists()
    assert not InterventionProvider.objects.exists()


def test_deleting_a_referenced_intervention_is_refused_with_a_message(client_for, coordinator):
    activity = ActivityFactory()
    intervention = InterventionFactory()
    activity.intervention = intervention
    activity.save()
    client = client_for(coordinator)
    page = client.get(reverse("interventions:delete", args=[intervention.pk]))
    assert "activiteiten" in page.content.decode()
    response = client.post(reverse("interventions:delete", args=[intervention.pk]), follow=True)
    assert Intervention.objects.filter(pk=intervention.pk).exists()
    assert "Archiveer" in response.content.decode()


def test_coordinator_archives_and_restores(client_for, coordinator):
    intervention = InterventionFactory()
    client = client_for(coordinator)
    client.post(reverse("interventions:archive", args=[intervention.pk]), {"archived": "1"})
    intervention.refresh_from_db()
    assert intervention.archived
    client.post(reverse("interventions:archive", args=[intervention.pk]), {"archived": "0"})
    intervention.refresh_from_db()
    assert not intervention.archived
