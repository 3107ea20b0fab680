"""The handelingskader wired into concerns: guidance on the page, interventions chosen in a
case conference, and their providers suggested first when referring."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from signals.models import CaseConference
from signals.workflow import State
from tests.interventions.factories import GuidanceFactory, InterventionFactory, ProviderFactory
from tests.interventions.factories import form as polarisation_form
from tests.network.factories import AgreementFactory, OrganisationFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(municipality):
    category = CategoryFactory(polarisation_form=polarisation_form("online-uitingen"))
    return ConcernFactory(municipality=municipality, category=category, state=State.IN_ASSESSMENT)


def test_handler_sees_the_guidance_matching_the_category_with_whom_to_call(
    client_for, handler, concern, municipality, other_municipality
):
    fitting = InterventionFactory(name="Verwijderverzoeken")
    GuidanceFactory(
        title="Een lokaal account roept op tot geweld",
        forms=[polarisation_form("online-uitingen")],
        interventions=[fitting],
        responsibilities=["first_contact"],
    )
    GuidanceFactory(title="Ruzie in de portiek", forms=[polarisation_form()])
    AgreementFactory(
        municipality=municipality, organisation=OrganisationFactory(name="Team Veiligheid")
    )
    AgreementFactory(
        municipality=other_municipality, organisation=OrganisationFactory(name="Elders")
    )
    page = client_for(handler).get(reverse("signals:detail", args=[concern.pk]))
    html = page.content.decode()
    assert "Een lokaal account roept op tot geweld" in html and "Verwijderverzoeken" in html
    assert "Team Veiligheid" in html and "Elders" not in html
    assert "Ruzie in de portiek" not in html


def test_whom_to_call_follows_changes_to_agreements_and_organisations_at_once(
    client_for, handler, concern, municipality
):
    """The agreements beside the guidance come from the cache: a renamed organisation, an
    ended agreement and a new one show on the next view, not ten minutes later."""
    GuidanceFactory(
        forms=[polarisation_form("online-uitingen")], responsibilities=["first_contact"]
    )
    holder = OrganisationFactory(name="Team Veiligheid")
    agreement = AgreementFactory(municipality=municipality, organisation=holder)
    client = client_for(handler)
    url = reverse("signals:detail", args=[concern.pk])
    assert "Team Veiligheid" in client.get(url).content.decode()

    holder.name = "Team Veilig Samenleven"
    holder.save()
    html = client.get(url).content.decode()
    assert "Team Veilig Samenleven" in html and "Team Veiligheid" not in html

    agreement.end_date = timezone.localdate() - timedelta(days=1)
    agreement.save()
    AgreementFactory(municipality=municipality, organisation=OrganisationFactory(name="Wijkteam"))
    html = client.get(url).content.decode()
    assert "Team Veilig Samenleven" not in html and "Wijkteam" in html


def _post(client, name, concern, prefix, data):
    data = {f"{prefix}-{key}": value for key, value in data.items()}
    return client.post(reverse(f"signals:{name}", args=[concern.pk]), data, follow=True)


def test_case_conference_records_two_interventions_and_referral_suggests_their_providers(
    client_for, handler, concern, municipality
):
    dialogue, mentoring = InterventionFactory(name="Dialoog"), InterventionFactory(name="Mentor")
    far_provider = OrganisationFactory(name="Zzz Mentoren Noord")  # not in the municipality
    ProviderFactory(intervention=mentoring, organisation=far_provider)
    OrganisationFactory(name="Aaa Buurtwerk", municipalities=[municipality])
    client = client_for(handler)
    _post(
        client,
        "conference",
        concern,
        "conference",
        {
            "held_on": timezone.localdate().isoformat(),
            "decisions": "Mentor inzetten en een dialoogtafel organiseren.",
            "interventions": [dialogue.pk, mentoring.pk],
        },
    )
    assert set(CaseConference.objects.get().interventions.all()) == {dialogue, mentoring}
    page = client.get(reverse("signals:detail", args=[concern.pk]))
    choices = list(page.context["referral_form"].fields["organisation"].choices)[1:]
    labels = [str(label) for _value, label in choices]
    assert labels[0].startswith("Zzz Mentoren Noord (") and labels[1] == "Aaa Buurtwerk"
    _post(
        client,
        "refer",
        concern,
        "referral",
        {"organisation": far_provider.pk, "shared": "Leeftijd.", "reason": "Mentoraanbod."},
    )
    concern.refresh_from_db()
    assert concern.state == State.REFERRED
    assert concern.referrals.get().organisation == far_provider


def test_archived_interventions_cannot_be_chosen(client_for, handler, concern):
    archived = InterventionFactory(archived=True)
    _post(
        client_for(handler),
        "conference",
        concern,
        "conference",
        {
            "held_on": timezone.localdate().isoformat(),
            "decisions": "Besluit",
            "interventions": [archived.pk],
        },
    )
    assert not CaseConference.objects.exists()
