"""The base of the editable lists (HSDS taxonomy terms) of the social map and the
handelingskader: a module of its own, so that both model modules import it without a cycle."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.validators import validate_no_formula_start


class TaxonomyTerm(models.Model):
    """An entry of an editable list (HSDS taxonomy_term)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        # In clean() rather than on the fields: the abstract fields are shared with other
        # apps' lists, whose migrations this rule should not touch.
        errors = {}
        for name in ("name", "description"):
            try:
                validate_no_formula_start(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)
