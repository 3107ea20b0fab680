"""Writes of stored reports: request one (or reuse it) and generate it once."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from network.models import Municipality
from polrad import mail
from polrad.periods import Period
from polrad.reports import emails, tasks
from polrad.reports.annex import annex_csv, annex_filename
from polrad.reports.data import Report
from polrad.reports.models import STALE_AFTER, StoredReport

logger = logging.getLogger(__name__)

State = StoredReport.State
# A done report is handed out again for this long (when made after its period ended).
REUSE_FOR = timedelta(hours=24)
# "Generate again" is honoured only for a report older than this.
FRESH_AFTER = timedelta(minutes=5)


def report_request(
    *, user, kind: str, municipality: Municipality | None, period: Period, fresh: bool = False
) -> StoredReport:
    """The stored report for these parameters: a done or busy one is reused unless `fresh`;
    otherwise a new one, generated after commit. The caller has checked permission."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    params = {
        "kind": kind,
        "municipality": municipality,
        "period_kind": period.kind,
        "period_start": period.start,
        "period_end": period.end,
        "language": language,
    }
    existing = stored_report_reusable(period=period, **params)
    if existing is not None and not (fresh and existing.created_at < timezone.now() - FRESH_AFTER):
        # "Generate again" right after a report was made gives that one: a double click or
        # an impatient user does not start one rendering after another.
        return existing
    report = StoredReport.objects.create(requested_by=user, **params)
    tasks.generate_report.delay_on_commit(report.pk)
    return report


def stored_report_reusable(*, period: Period, **params) -> StoredReport | None:
    """The latest done report for the parameters that is still fresh, or one still being
    made (not lost). Fresh: made after the period ended and less than REUSE_FOR ago, so that
    late approvals and a changed social map find their way into a new one."""
    reports = StoredReport.objects.filter(**params)
    done = (
        reports.filter(
            state=State.DONE,
            finished_at__gte=max(period.ends_before, timezone.now() - REUSE_FOR),
        )
        .order_by("-finished_at", "-pk")
        .first()
    )
    if done is not None:
        return done
    busy = reports.filter(
        state__in=[State.PENDING, State.RUNNING], created_at__gte=timezone.now() - STALE_AFTER
    )
    return busy.order_by("-created_at", "-pk").first()


def stored_report_generate(*, report_id: int) -> bool:
    """Build, render and store one report; False when there is nothing to do (done, running
    in another worker, failed or gone), so a second run of the task changes nothing."""
    with transaction.atomic():
        report = (
            StoredReport.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .filter(pk=report_id, state=State.PENDING)
            .first()
        )
        if report is None:
            return False
        _save(report, state=State.RUNNING, progress=0)
    try:
        with translation.override(report.language):
            data = build_report(report)
            _save(report, progress=10)
            from polrad.reports.pdf import report_pdf

            pdf = report_pdf(data)
            _save(report, progress=60)
            _store(report, pdf, annex_csv(data), annex_filename(data))
    except Exception as exc:  # the row records the failure; the user may ask again
        logger.exception("Report %s failed", report.pk)
        _save(report, state=State.FAILED, error=exc.__class__.__name__, finished_at=timezone.now())
        return False
    report_ready_notify(report=report)
    return True


def build_report(stored: StoredReport) -> Report:
    from polrad.reports import figures

    if stored.kind == StoredReport.Kind.ANNUAL:
        return figures.annual_report(year=stored.period_start.year)
    return figures.municipal_report(municipalities=[stored.municipality], period=stored.period)


def _store(report: StoredReport, pdf: bytes, annex: bytes | None, annex_name: str) -> None:
    place = report.municipality.name if report.municipality_id else "regio"
    name = f"rapportage-{slugify(place)}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    report.file.save(f"{name}.pdf", ContentFile(pdf), save=False)
    if annex is not None:
        report.annex.save(annex_name, ContentFile(annex), save=False)
    _save(
        report,
        annex=report.annex.name or "",
        annex_checksum=hashlib.sha256(annex).hexdigest() if annex is not None else "",
        file=report.file.name,
        checksum=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        state=State.DONE,
        progress=100,
        finished_at=timezone.now(),
    )


def _save(report: StoredReport, **fields) -> None:
    """Write the fields at once, so that the status page sees progress while the task runs."""
    for name, value in fields.items():
        setattr(report, name, value)
    StoredReport.objects.filter(pk=report.pk).update(**fields)


def report_ready_notify(*, report: StoredReport) -> None:
    """Tell the requester that the report is ready: a link only, no figures in the email."""
    user = report.requested_by
    if user is None or not user.email:
        return
    mail.send([emails.report_ready(report)])
