from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device

from polrad.accounts import services
from polrad.accounts.audit import audit_record
from polrad.accounts.forms import InvitationForm, LoginForm, TokenForm
from polrad.accounts.middleware import session_mark_login
from polrad.accounts.models import AuditEvent, User
from polrad.accounts.selectors import users_without_required_second_factor
from polrad.accounts.tokens import invitation_token_generator
from polrad.pagination import keyset_page
from polrad.permissions import CHANGE_USER, INVITE_USERS, VIEW_USER


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        session_mark_login(self.request)
        audit_record(request=self.request, kind=AuditEvent.Kind.LOGIN, success=True)
        return response

    def form_invalid(self, form):
        locked = getattr(self.request, "axes_locked_out", False)
        audit_record(
            request=self.request,
            kind=AuditEvent.Kind.LOCKED_OUT if locked else AuditEvent.Kind.LOGIN_FAILED,
            success=False,
            username=form.data.get("username", ""),
        )
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(request=request, kind=AuditEvent.Kind.LOGOUT, success=True)
        return super().post(request, *args, **kwargs)


def _second_factor_login(request, device) -> None:
    """Mark the session verified and give it a new key, as the password step did.

    A session key seen before the second factor (on a shared computer, in a log) must not
    become a fully verified session.
    """
    otp_login(request, device)
    request.session.cycle_key()


def _next_url(request, default="dashboard"):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(default)


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """Add an authenticator app: scan the code, confirm one code, keep the recovery codes."""

    form_class = TokenForm
    template_name = "accounts/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if user_has_device(request.user, confirmed=True):
            return redirect("accounts:profile")
        self.device = services.totp_device_pending(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "device": self.device}

    def get_context_data(self, **kwargs):
        qr = segno.make(self.device.config_url, error="m")
        return super().get_context_data(
            secret=b32encode(self.device.bin_key).decode(),
            qr_svg=qr.svg_inline(
                scale=5,
                dark="#000",
                light="#fff",
                svgclass="qr-code",
                title=_("QR code for your authenticator app"),
            ),
            next=_next_url(self.request),
            **kwargs,
        )

    def form_valid(self, form):
        codes = services.two_factor_enable(device=self.device)
        _second_factor_login(self.request, self.device)
        audit_record(request=self.request, kind=AuditEvent.Kind.TWO_FACTOR_ENABLED, success=True)
        return render(
            self.request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": _next_url(self.request)},
        )

    def form_invalid(self, form):
        audit_record(request=self.request, kind=AuditEvent.Kind.TWO_FACTOR_FAILED, success=False)
        return super().form_invalid(form)


class TwoFactorVerifyView(LoginRequiredMixin, FormView):
    form_class = TokenForm
    template_name = "accounts/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_verified():
            return HttpResponseRedirect(_next_url(request))
        if request.user.is_authenticated and not user_has_device(request.user, confirmed=True):
            return redirect("accounts:two-factor-setup")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_next_url(self.request), **kwargs)

    def form_valid(self, form):
        device = form.cleaned_data["device"]
        _second_factor_login(self.request, device)
        audit_record(
            request=self.request,
            kind=AuditEvent.Kind.TWO_FACTOR_VERIFIED,
            success=True,
            device=device.__class__.__name__,
        )
        return HttpResponseRedirect(_next_url(self.request))

    def form_invalid(self, form):
        audit_record(request=self.request, kind=AuditEvent.Kind.TWO_FACTOR_FAILED, success=False)
        return super().form_invalid(form)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            has_two_factor=user_has_device(user, confirmed=True),
            municipalities=user.municipalities.all(),
            **kwargs,
        )


@require_POST
def recovery_codes_regenerate(request):
    if not request.user.is_authenticated or not request.user.is_verified():
        return redirect("accounts:profile")
    codes = services.recovery_codes_generate(user=request.user)
    audit_record(request=request, kind=AuditEvent.Kind.RECOVERY_CODES, success=True)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:profile")},
    )


@require_POST
def two_factor_disable(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    try:
        services.two_factor_disable(user=request.user)
    except services.AccountError:
        messages.error(request, _("Your role requires two-factor authentication."))
    else:
        audit_record(request=request, kind=AuditEvent.Kind.TWO_FACTOR_DISABLED, success=True)
        messages.success(request, _("Two-factor authentication has been switched off."))
    return redirect("accounts:profile")


class InvitationCreateView(PermissionRequiredMixin, FormView):
    permission_required = INVITE_USERS
    form_class = InvitationForm
    template_name = "accounts/invitation_form.html"
    success_url = reverse_lazy("accounts:user-list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inviter": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        user = services.user_invite(
            email=data["email"],
            full_name=data["full_name"],
            roles=data["roles"],
            municipalities=data["municipalities"],
            invited_by=self.request.user,
        )
        messages.success(
            self.request, _("An invitation has been sent to %(email)s.") % {"email": user.email}
        )
        return super().form_valid(form)


class UserListView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW_USER
    template_name = "accounts/user_list.html"

    def get_context_data(self, **kwargs):
        users = User.objects.prefetch_related("groups", "municipalities").order_by(
            "full_name", "pk"
        )
        without_second_factor = self.request.GET.get("zonder-2fa") == "1"
        if without_second_factor:  # the administrator's home page links here
            users = users.filter(pk__in=users_without_required_second_factor().values("pk"))
        query = self.request.GET.get("q", "").strip()
        if query:
            users = users.filter(full_name__icontains=query) | users.filter(email__icontains=query)
        page = keyset_page(self.request, users, per_page=50)
        return super().get_context_data(
            page_obj=page, query=query, without_second_factor=without_second_factor, **kwargs
        )


@require_POST
def user_deactivate(request, pk):
    if not request.user.has_perm(CHANGE_USER):
        raise PermissionDenied
    user = get_object_or_404(User, pk=pk, is_active=True)
    if user == request.user:
        messages.error(request, _("You cannot deactivate your own account."))
    else:
        services.user_deactivate(user=user, by=request.user)
        messages.success(request, _("%(name)s has been deactivated.") % {"name": user})
    return redirect("accounts:user-list")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """Accept an invitation by choosing a password (the link works once)."""

    token_generator = invitation_token_generator
    template_name = "accounts/invitation_accept.html"
    success_url = reverse_lazy("accounts:login")
    reset_url_token = "uitnodiging"  # noqa: S105 -- a URL segment, not a secret

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            request=self.request, kind=AuditEvent.Kind.PASSWORD_SET, success=True, actor=self.user
        )
        messages.success(self.request, _("Your password has been set. You can now log in."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            request=self.request, kind=AuditEvent.Kind.PASSWORD_SET, success=True, actor=self.user
        )
        return response
