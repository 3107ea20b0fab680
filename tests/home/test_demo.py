"""The demo data tells a story for each demo account (`seed_demo`, as `make run` loads it)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from polrad.accounts.models import User
from polrad.accounts.seed import DEMO_ACCOUNTS

# Each demo account's sections on the home page.
SECTIONS = {
    "coordinator@example.org": ["coordinator"],
    "handler@example.org": ["handler"],
    "rolemodel@example.org": ["rolemodel", "trainings"],
    "professional@example.org": ["professional", "trainings"],
    "municipality@example.org": ["municipal"],
    "admin@example.org": ["administrator"],
}


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True, SIMPLE_HISTORY_ENABLED=False):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_account_finds_at_least_three_things_waiting(demo, client_for):
    for email, _name, _role in DEMO_ACCOUNTS:
        client = client_for(User.objects.get(email=email))
        response = client.get("/")
        sections = response.context["sections"]
        assert [s.key for s in sections] == SECTIONS[email]
        shown = sum(len(s.items) + len(s.figures) for s in sections)
        assert shown >= 3, f"{email} sees only {shown} things on the home page"
        for section in sections:
            for item in section.items:
                assert client.get(item.url, follow=True).status_code == 200, (email, item.url)
        client.logout()


def test_municipal_officer_sees_groningen_in_figures_not_zeros(demo, client_for):
    officer = User.objects.get(email="municipality@example.org")
    client = client_for(officer)
    (section,) = client.get("/").context["sections"]
    activities, participants, held, concerns = section.figures
    for figure in (activities, participants, held):
        assert figure.value > 0 and figure.previous > 0, figure
    # Concerns of the last two ended months, as the figures page shows them: never zero, and
    # at least one a real number (a month's cell may be hidden to protect a neighbour's).
    assert "0" not in (str(concerns.value), str(concerns.previous))
    assert any(str(v).isdigit() and int(v) >= 5 for v in (concerns.value, concerns.previous))
    # The default dashboard (the last complete quarter) shows the same story.
    report = client.get(section.figures_url).context["report"]
    for key in ("activities", "participants", "role-models-active"):
        assert report.figure(key).now > 0, key
    assert report.figure("activities").before > 0
    categories = report.table("concerns-by-category")
    cells = [cell for row in categories.rows[:-1] for cell in row[1:]]
    assert any(str(cell).isdigit() and int(cell) >= 5 for cell in cells)  # real numbers
    assert any(str(cell).startswith("<") for cell in cells)  # suppressed


def test_handler_finds_concerns_in_every_state_of_the_queue(demo, client_for):
    handler = User.objects.get(email="handler@example.org")
    (section,) = client_for(handler).get("/").context["sections"]
    views = {item.url.rsplit("=", 1)[1] for item in section.items}
    assert views == {"overdue", "actions", "urgent", "new", "reopen", "mine", "retention"}


def test_role_model_finds_her_next_coaching_which_discussed_her_mentorships(demo, client_for):
    mentor = User.objects.get(email="rolemodel@example.org")
    client = client_for(mentor)
    sections = client.get("/").context["sections"]
    texts = [item.text for section in sections for item in section.items]
    assert any(text.startswith("Uw volgende coachingsgesprek:") for text in texts), texts
    discussed = mentor.role_model_profile.mentorships.filter(coaching_sessions__isnull=False)
    assert discussed.exists()
    page = client.get(discussed.first().get_absolute_url()).content.decode()
    assert "Besproken in coaching" in page


def test_the_coordinator_finds_the_open_requests_for_the_map(demo, client_for):
    client = client_for(User.objects.get(email="coordinator@example.org"))
    (section,) = client.get("/").context["sections"]
    url = "/sociale-kaart/aanvragen/overzicht/?status=open"
    assert {item.url: item.count for item in section.items}[url] == 2
    requests = client.get(url).context["page_obj"]
    assert {r.organisation for r in requests} == {"Basisschool De Wegwijzer", "Sportclub Zuid"}
    declined = client.get(url.replace("open", "declined")).context["page_obj"][0]
    page = client.get(declined.get_absolute_url()).content.decode()
    assert "commerciële" in page and "Afgewezen" in page
