"""The social map: a coordinator maps a new partner, a professional finds it, and a municipal
employee looks for white spots and takes the map of their municipality home as a PDF."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import (
    LOGIN_URL,
    VERIFY_URL,
    current_code,
    enter_code,
    log_in_with_password,
    path_is,
)
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.e2e

ORGANISATIONS = "/sociale-kaart/organisaties/"


def test_partner_is_mapped_found_and_reported(new_page, assert_accessible):
    # The coordinator adds a youth work organisation in Pekela...
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    expect(coordinator).to_have_url(path_is(VERIFY_URL))
    enter_code(coordinator, current_code())
    coordinator.goto(ORGANISATIONS)
    assert_accessible(coordinator)
    coordinator.locator(f'a[href="{ORGANISATIONS}nieuw/"]').click()
    assert_accessible(coordinator)
    coordinator.fill('input[name="name"]', "Jongerenhonk De Peel")
    coordinator.select_option('select[name="kind"]', "youth_work")
    coordinator.get_by_label("Jongerenwerk", exact=True).check()
    coordinator.get_by_label("Toegang tot jongeren", exact=True).check()
    coordinator.select_option('select[name="municipalities"]', label="Pekela")
    coordinator.fill('input[name="email"]', "info@dehonk.example.org")
    coordinator.fill('input[name="locations-0-address"]', "Raadhuislaan 3")
    coordinator.fill('input[name="locations-0-postal_code"]', "9663bx")
    coordinator.fill('input[name="locations-0-city"]', "Nieuwe Pekela")
    coordinator.locator('main form button[type="submit"]').click()
    expect(coordinator.locator("h1")).to_have_text("Jongerenhonk De Peel")
    expect(coordinator.get_by_text("9663 BX Nieuwe Pekela")).to_be_visible()
    assert_accessible(coordinator)

    # ... with its key figure, who agreed to be on the map ...
    coordinator.locator('a[href*="/sociale-kaart/personen/nieuw/?organisation="]').click()
    coordinator.fill('input[name="full_name"]', "Samira Haddou")
    coordinator.fill('input[name="function"]', "Jongerenwerker")
    coordinator.select_option('select[name="kind"]', "key_figure")
    coordinator.fill('input[name="phone"]', "06-24681357")
    coordinator.fill('input[name="consent_date"]', "2026-11-01")
    coordinator.select_option('select[name="municipalities"]', label="Pekela")
    assert_accessible(coordinator)
    coordinator.locator('main form button[type="submit"]').click()
    expect(coordinator.locator("h1")).to_have_text("Samira Haddou")

    # ... and records that it runs prevention activities in Pekela.
    coordinator.goto(ORGANISATIONS + "?q=Jongerenhonk")
    coordinator.get_by_role("link", name="Jongerenhonk De Peel").click()
    coordinator.locator('a[href*="/sociale-kaart/afspraken/nieuw/?organisation="]').click()
    coordinator.select_option('select[name="municipality"]', label="Pekela")
    coordinator.select_option('select[name="responsibility"]', "prevention")
    coordinator.fill('input[name="start_date"]', "2026-11-01")
    assert_accessible(coordinator)
    coordinator.locator('main form button[type="submit"]').click()
    expect(coordinator.get_by_text("Pekela: Preventieactiviteiten")).to_be_visible()

    # A professional finds it by filtering on Pekela and youth work, and by searching.
    professional = new_page()
    professional.goto(LOGIN_URL)
    log_in_with_password(professional, "professional@example.org")
    enter_code(professional, current_code())
    professional.goto(ORGANISATIONS)
    professional.select_option('select[name="municipality"]', label="Pekela")
    professional.select_option('select[name="domain"]', label="Jongerenwerk")
    professional.locator('form[role="search"] button[type="submit"]').click()
    expect(professional).to_have_url(re.compile(r"municipality=\d+.*domain=\d+"))
    expect(professional.get_by_role("link", name="Jongerenhonk De Peel")).to_be_visible()
    assert_accessible(professional)
    professional.goto(ORGANISATIONS)
    professional.fill('input[name="q"]', "honk")
    professional.locator('form[role="search"] button[type="submit"]').click()
    professional.get_by_role("link", name="Jongerenhonk De Peel").click()
    professional.get_by_role("link", name="Samira Haddou").click()
    expect(professional.get_by_text("06-24681357")).to_be_visible()
    assert_accessible(professional)

    # The municipal employee of Groningen sees the coverage of Groningen and downloads its map.
    employee = new_page()
    employee.goto(LOGIN_URL)
    log_in_with_password(employee, "municipality@example.org")
    employee.goto("/sociale-kaart/dekking/")
    rows = employee.locator("table tbody th[scope=row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_text("Groningen")
    assert_accessible(employee)
    pdf_link = employee.locator('a[href$="sociale-kaart.pdf"]').first
    response = employee.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_a_long_list_is_paged_forward_back_and_to_the_start(new_page, assert_accessible):
    for number in range(40):
        OrganisationFactory(name=f"Wijkpost {number:02d}")
    # A professional searches the map and pages through what it finds, the search kept.
    professional = new_page()
    professional.goto(LOGIN_URL)
    log_in_with_password(professional, "professional@example.org")
    enter_code(professional, current_code())
    professional.goto(ORGANISATIONS)
    professional.fill('input[name="q"]', "Wijkpost")
    professional.locator('form[role="search"] button[type="submit"]').click()
    expect(professional.get_by_role("status")).to_have_text("40 organisaties")
    pages = professional.get_by_role("navigation", name="Pagina's")
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 1 van 2")
    pages.get_by_role("link", name="Volgende").click()
    expect(professional).to_have_url(re.compile(r"q=Wijkpost.*cursor="))
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 2 van 2")
    expect(professional.get_by_role("link", name="Wijkpost 39")).to_be_visible()
    expect(pages.get_by_role("link", name="Volgende")).to_have_count(0)
    assert_accessible(professional)
    # The link of this page can be kept: it opens the same page again.
    kept = professional.url
    professional.goto(ORGANISATIONS)
    professional.goto(kept)
    expect(professional.get_by_role("link", name="Wijkpost 25")).to_be_visible()
    pages.get_by_role("link", name="Vorige").click()
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 1 van 2")
    pages.get_by_role("link", name="Volgende").click()
    pages.get_by_role("link", name="Eerste pagina").click()
    expect(pages.locator('[aria-current="page"]')).to_have_text("Pagina 1 van 2")
    expect(professional.get_by_role("link", name="Wijkpost 00")).to_be_visible()
    assert "q=Wijkpost" in professional.url and "cursor=" not in professional.url
