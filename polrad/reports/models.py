"""Stored PDF reports: generated once per set of parameters and downloaded again.

The file lies under MEDIA_ROOT, which no URL serves (whitenoise serves static files only):
the download view checks permission and the checksum before it hands the file out.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.periods import Period

# A report still pending or running after this long is taken for lost (e.g. a worker died).
STALE_AFTER = timedelta(minutes=15)


def report_path(instance, filename: str) -> str:
    return f"reports/{secrets.token_hex(8)}/{filename}"


class StoredReport(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal report")
        ANNUAL = "annual", _("Annual report")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    period_kind = models.CharField(_("kind of period"), max_length=10)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    language = models.CharField(_("language"), max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to=report_path, blank=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    # The long tables (all municipalities side by side) as CSV, made with the PDF.
    annex = models.FileField(_("annex"), upload_to=report_path, blank=True)
    annex_checksum = models.CharField(_("SHA-256 checksum of the annex"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        db_table = "polrad_storedreport"  # made when the reports lived in the polrad app
        verbose_name = _("stored report")
        verbose_name_plural = _("stored reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["kind", "municipality", "period_start", "period_end", "language"],
                name="polrad_storedreport_params",
            ),
        ]

    def __str__(self):
        place = self.municipality.name if self.municipality_id else _("the region")
        return f"{self.get_kind_display()} {place} {self.period_start}–{self.period_end}"

    @property
    def period(self) -> Period:
        return Period(self.period_kind, self.period_start, self.period_end)

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE

    @property
    def is_busy(self) -> bool:
        """Waiting or being made, and not lost: a worker that died leaves a row that never
        finishes, which after STALE_AFTER counts as failed (and can be made again)."""
        return self.state in (self.State.PENDING, self.State.RUNNING) and not self.is_lost

    @property
    def is_lost(self) -> bool:
        return (
            self.state
            in (
                self.State.PENDING,
                self.State.RUNNING,
            )
            and self.created_at < timezone.now() - STALE_AFTER
        )
