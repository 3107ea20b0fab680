"""A handler reads the situation guidance on a concern, records a case conference that
chooses two interventions and refers to a suggested provider; a coordinator turns a shareable
activity into a practice example and looks through the handelingskader on a phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.interventions.seed import CASE_ADVICE, MENTORING
from network.models import Intervention, InterventionProvider, PracticeExample
from rolemodels.models import Activity
from rolemodels.workflow import ActivityState
from signals.models import Category, Concern
from signals.workflow import State
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
DECISIONS = "Mentor inzetten; het Veiligheidshuis adviseert de school."
LESSON = "Een rolmodel uit de eigen wijk opent deuren."


def fits_the_screen(page) -> bool:
    """Nothing sticks out sideways: the visitor never has to scroll horizontally."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def log_in(page, email):
    page.set_viewport_size(PHONE)
    page.goto(LOGIN_URL)
    log_in_with_password(page, email)
    enter_code(page, current_code())


def test_handler_uses_the_guidance_and_a_coordinator_writes_up_practice(
    new_page, assert_accessible
):
    # A concern of Hamid's in assessment, of a category the handelingskader has a card for.
    category = Category.objects.filter(polarisation_form__guidance__isnull=False).first()
    concern = (
        Concern.objects.filter(
            municipality__name="Groningen",
            state=State.IN_ASSESSMENT,
            assigned_to__email="handler@example.org",
        )
        .order_by("pk")
        .first()
    )
    concern.category = category
    concern.save(update_fields=["category"])
    card = concern.category.polarisation_form.guidance.first()
    chosen = [Intervention.objects.get(name=CASE_ADVICE), Intervention.objects.get(name=MENTORING)]
    providers = set(
        InterventionProvider.objects.filter(intervention__in=chosen).values_list(
            "organisation__name", flat=True
        )
    )

    # Hamid, a handler in Groningen, opens a concern on his phone. Beside the casework he
    # finds what to do in this kind of situation, for the concern's category.
    hamid = new_page()
    log_in(hamid, "handler@example.org")
    detail = f"/meldingen/{concern.pk}/"
    hamid.goto(detail)
    guidance = hamid.locator('main section[aria-labelledby="guidance-heading"]')
    expect(guidance).to_contain_text(card.title)
    expect(guidance).to_contain_text(card.first_steps.splitlines()[0])
    assert_accessible(hamid)
    assert fits_the_screen(hamid), "the concern page scrolls sideways on a phone"

    # He reads the whole situation card.
    guidance.locator(f'a[href="/interventies/handelen/{card.pk}/"]').first.click()
    expect(hamid.locator("main h1")).to_contain_text(card.title)
    assert_accessible(hamid)
    assert fits_the_screen(hamid), "the situation card scrolls sideways on a phone"
    hamid.goto(detail)

    # At the case conference the partners chose two interventions from the catalogue.
    hamid.locator(
        "main details", has=hamid.locator(f'form[action="{detail}casusoverleg/"]')
    ).locator("summary").click()
    conference = hamid.locator(f'main form[action="{detail}casusoverleg/"]')
    conference.locator('[name="conference-held_on"]').fill(timezone.localdate().isoformat())
    conference.locator('[name="conference-interventions"]').select_option(
        [str(i.pk) for i in chosen]
    )
    conference.locator('[name="conference-decisions"]').fill(DECISIONS)
    conference.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(detail))
    expect(hamid.locator(".alert-success")).to_be_visible()
    expect(hamid.locator("main")).to_contain_text(CASE_ADVICE)
    assert_accessible(hamid)
    assert set(concern.conferences.get().interventions.all()) == set(chosen)

    # Referring, he finds the providers of those interventions at the top of the list.
    hamid.locator(
        "main details", has=hamid.locator(f'form[action="{detail}doorverwijzen/"]')
    ).locator("summary").click()
    referral = hamid.locator(f'main form[action="{detail}doorverwijzen/"]')
    first = referral.locator('[name="referral-organisation"] option').nth(1)
    suggested = first.get_attribute("value")
    assert any(name in first.inner_text() for name in providers)
    assert "aanbieder van een gekozen interventie" in first.inner_text()
    referral.locator('[name="referral-organisation"]').select_option(suggested)
    referral.locator('[name="referral-shared"]').fill("Leeftijd en school, geen naam.")
    referral.locator('[name="referral-reason"]').fill("Zij bieden de gekozen interventie aan.")
    referral.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(detail))
    expect(hamid.locator(".alert-success")).to_be_visible()
    assert_accessible(hamid)
    concern.refresh_from_db()
    assert concern.state == State.REFERRED
    assert concern.referrals.get().organisation.name in providers

    # Carla, the coordinator, writes up a shareable activity as a practice example.
    activity = (
        Activity.objects.filter(
            state=ActivityState.APPROVED,
            shareable=True,
            intervention__isnull=False,
            practice_example__isnull=True,
        )
        .order_by("-date")
        .first()
    )
    carla = new_page()
    log_in(carla, "coordinator@example.org")
    carla.goto(f"/rolmodellen/activiteiten/{activity.pk}/")
    assert_accessible(carla)
    carla.locator(
        f'main form[action="/rolmodellen/activiteiten/{activity.pk}/praktijkvoorbeeld/"] '
        'button[type="submit"]'
    ).click()
    example = PracticeExample.objects.get(activities=activity)
    expect(carla).to_have_url(path_is(f"/interventies/praktijkvoorbeelden/{example.pk}/bewerken/"))
    assert_accessible(carla)
    assert fits_the_screen(carla), "the practice example form scrolls sideways on a phone"
    carla.locator('[name="lessons"]').fill(LESSON)
    carla.locator('[name="is_draft"]').uncheck()
    carla.locator('main form button[type="submit"]').click()
    expect(carla).to_have_url(path_is(f"/interventies/praktijkvoorbeelden/{example.pk}/"))
    expect(carla.locator("main")).to_contain_text(LESSON)
    assert_accessible(carla)
    example.refresh_from_db()
    assert not example.is_draft and example.intervention == activity.intervention

    # She looks through the handelingskader on her phone: nothing scrolls sideways.
    for path in [
        "/interventies/",
        "/interventies/?kind=reactive&category=municipal",
        f"/interventies/{activity.intervention.pk}/",
        "/interventies/praktijkvoorbeelden/",
        "/interventies/handelen/",
        "/kennisbank/",
        "/sociale-kaart/dekking/?axis=interventions",
    ]:
        carla.goto(path)
        expect(carla.locator("main h1")).to_be_visible()
        assert_accessible(carla)
        assert fits_the_screen(carla), f"{path} scrolls sideways on a phone"
