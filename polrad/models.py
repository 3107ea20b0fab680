"""Model building blocks shared by the apps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(models.Model):
    """A history row: written once, never changed or deleted."""

    immutable_message = _("This history cannot be changed.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(self.immutable_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.immutable_message)


# Models of the project package live beside their code; importing them here registers them.
from polrad.reports.models import StoredReport  # noqa: E402

__all__ = ["AppendOnly", "StoredReport"]
