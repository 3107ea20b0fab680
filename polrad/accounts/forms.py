from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from network.models import Municipality
from polrad.accounts.models import User
from polrad.accounts.roles import ASSIGNABLE_BY, Role


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "This email address and password do not match. Check both and try again."
        ),
        "inactive": _("This account has been deactivated."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class TokenForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, user, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "").strip()
        if self.device is not None:
            matched = self.device if self.device.verify_token(token) else None
        else:
            matched = match_token(self.user, token)
        if matched is None:
            raise forms.ValidationError(
                _("This code is not correct or has expired. Try the current code."),
                code="invalid",
            )
        self.cleaned_data["device"] = matched
        return token


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities in scope"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required for concern handlers and municipal staff."),
    )

    def __init__(self, *args, inviter: User, **kwargs):
        super().__init__(*args, **kwargs)
        assignable = set()
        for role in inviter.roles:
            assignable.update(ASSIGNABLE_BY.get(role, []))
        if inviter.is_superuser:
            assignable.update(Role)
        self.fields["roles"].choices = [(r.value, r.label) for r in Role if r in assignable]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email address already exists."), code="exists"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        roles = set(cleaned.get("roles") or [])
        scoped = roles & {Role.HANDLER, Role.MUNICIPAL}
        if scoped and not cleaned.get("municipalities"):
            self.add_error(
                "municipalities",
                _("Choose at least one municipality for a concern handler or municipal staff."),
            )
        return cleaned
