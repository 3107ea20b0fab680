from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from polrad.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("", views.ProfileView.as_view(), name="profile"),
    path("tweestaps/instellen/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("tweestaps/controle/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path(
        "tweestaps/herstelcodes/",
        views.recovery_codes_regenerate,
        name="recovery-codes-regenerate",
    ),
    path("tweestaps/uitzetten/", views.two_factor_disable, name="two-factor-disable"),
    path("gebruikers/", views.UserListView.as_view(), name="user-list"),
    path("gebruikers/uitnodigen/", views.InvitationCreateView.as_view(), name="invite"),
    path("gebruikers/<int:pk>/deactiveren/", views.user_deactivate, name="user-deactivate"),
    path(
        "uitnodiging/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
