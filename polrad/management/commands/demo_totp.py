from base64 import b32decode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from polrad.accounts.seed import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo accounts (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo code exists only in demo (DEBUG) installations.")
        self.stdout.write(f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}")
