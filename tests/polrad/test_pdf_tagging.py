"""Every PDF the platform makes is tagged PDF/UA-1 in Dutch, and all come from one function."""

import io
import re
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.utils import timezone, translation

from network import pdf as social_map
from polrad.analysis import pdf as analysis_pdf
from polrad.reports.pdf import report_pdf
from signals.pdf import concern_pdf
from tests.analysis.factories import AnalysisFactory
from tests.network.factories import OrganisationFactory
from tests.reports.sample import sample_report
from tests.signals.factories import ConcernFactory
from tests.trainings.factories import CertificateFactory
from trainings import certificates

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.get_default_timezone())


def make_report(**_personas):
    return report_pdf(sample_report(rows=3))


def make_social_map(municipality, **_personas):
    OrganisationFactory(name="Buurthuis De Linde", municipalities=[municipality])
    data = social_map.social_map_data(municipality)
    return social_map.social_map_pdf(data=data, generated_at=NOW)


def make_certificate(professional, **_personas):
    certificate = CertificateFactory(user=professional, full_name="Fatima Yılmaz")
    url = certificates.verification_url(certificate)
    return certificates.certificate_pdf(certificate=certificate, verify_url=url)


def make_concern(municipality, handler, **_personas):
    concern = ConcernFactory(municipality=municipality)
    return concern_pdf(concern=concern, viewer=handler, generated_at=NOW)


def make_analysis(municipality, **_personas):
    return analysis_pdf.analysis_pdf_bytes(AnalysisFactory(municipality=municipality))


def make_checklist(municipality, **_personas):
    return analysis_pdf.checklist_pdf_bytes(AnalysisFactory(municipality=municipality))


PDF_KINDS = {
    "municipal report": make_report,
    "analysis": make_analysis,
    "analysis checklist": make_checklist,
    "social map": make_social_map,
    "certificate": make_certificate,
    "concern": make_concern,
}


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_every_kind_of_pdf_is_tagged_pdf_ua_in_dutch(kind, municipality, handler, professional):
    with translation.override("nl"):
        content = PDF_KINDS[kind](
            municipality=municipality, handler=handler, professional=professional
        )
    with pikepdf.open(io.BytesIO(content)) as document:
        root = document.Root
        assert bool(root.MarkInfo.Marked), "MarkInfo /Marked true"
        tree = root.StructTreeRoot
        assert len(tree.K) > 0 if isinstance(tree.K, pikepdf.Array) else tree.K is not None
        assert str(root.Lang) == "nl"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        metadata = document.open_metadata()
        assert metadata.get("pdfuaid:part") == "1"
        title = metadata.get("dc:title")
        assert title and "{" not in title, "the <title> is the document's title"
        assert str(document.docinfo.get("/Title")) == title


def test_no_module_renders_a_pdf_other_than_through_the_shared_function():
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "var", "tests", "node_modules"}:
            continue
        if relative == Path("polrad/pdf.py"):
            continue
        if re.search(r"\.write_pdf\(|from weasyprint import", path.read_text()):
            offenders.append(str(relative))
    assert offenders == [], "render every PDF with polrad.pdf.render_pdf"
