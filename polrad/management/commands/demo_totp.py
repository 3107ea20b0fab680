from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from polrad.accounts.demo_code import current_code


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo accounts (DEBUG only). "
        "`make demo-code` prints it faster, without starting Django."
    )
    # The system checks import every view (and WeasyPrint with them): seconds for nothing.
    requires_system_checks = []

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo code exists only in demo (DEBUG) installations.")
        self.stdout.write(current_code()[0])
