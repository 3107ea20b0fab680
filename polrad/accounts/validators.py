from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator with a message our catalogue translates.

    Django 5.2 changed this message's placeholder and its Dutch catalogue lags behind, so
    Dutch users would see English.
    """

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must be at least %(min_length)d character long.",
            "This password is too short. It must be at least %(min_length)d characters long.",
            self.min_length,
        )  # ValidationError fills in min_length from its params

    def get_help_text(self):
        return ngettext(
            "Your password must be at least %(min_length)d character long.",
            "Your password must be at least %(min_length)d characters long.",
            self.min_length,
        ) % {"min_length": self.min_length}
