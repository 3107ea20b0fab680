"""The reports' benchmark entries work on the demo data, as the officer they are meant for."""

import dataclasses
from importlib import import_module

import pytest
from django.test import override_settings

from polrad import benchmark as bench
from polrad.management.commands.seed_demo import SEED_MODULES

DASHBOARD = "municipal dashboard (year)"
MUNICIPAL_PDF = "municipal report PDF (year, one municipality)"
ANNUAL_PDF = "annual report PDF (region)"


@pytest.fixture
def demo_data(db):
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for name in SEED_MODULES:
            import_module(name).seed_demo(lambda line: None)


def test_reports_register_their_measurements():
    entries = bench.autodiscover().entries
    assert isinstance(entries[DASHBOARD], bench.Page)
    assert isinstance(entries[MUNICIPAL_PDF], bench.Job)
    assert isinstance(entries[ANNUAL_PDF], bench.Job)


def test_dashboard_is_measured_for_the_groningen_officer(demo_data):
    page = bench.autodiscover().entries[DASHBOARD]
    officer = page.user()
    assert officer.email == "municipality@example.org"
    assert "periode=jaar" in page.url(officer)
    result = bench.measure_page(page, n=2, warmup=0)
    assert result.p50_ms > 0 and result.queries > 0


@pytest.mark.parametrize("name", [MUNICIPAL_PDF, ANNUAL_PDF])
def test_pdf_jobs_render(demo_data, name):
    job = dataclasses.replace(bench.autodiscover().entries[name], n=1)
    rendered = []
    func = job.func
    job = dataclasses.replace(job, func=lambda *args: rendered.append(func(*args)))
    result = bench.measure_job(job)
    assert result.p50_ms > 0 and result.peak_mb is not None
    assert rendered[0].startswith(b"%PDF-")
