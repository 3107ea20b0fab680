from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """One-time invitation links: the token dies once a password is set or used to log in."""

    key_salt = "polrad.accounts.tokens.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()
