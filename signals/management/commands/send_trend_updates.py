from django.core.management.base import BaseCommand, CommandError

from signals import tasks, trends


class Command(BaseCommand):
    help = "Send the trend updates of a period (default: the last complete one); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-10 for a month, 2026-Q3 for a quarter.")
        parser.add_argument(
            "--frequency", choices=[trends.MONTHLY, trends.QUARTERLY], default=trends.MONTHLY
        )

    def handle(self, *args, period=None, frequency=trends.MONTHLY, **options):
        if period:
            try:
                trends.parse_period(period)
            except ValueError as exc:
                raise CommandError(f"Unknown period {period!r}: use 2026-10 or 2026-Q3.") from exc
        count = tasks.send_trend_updates(period=period, frequency=frequency)
        self.stdout.write(f"Trend updates queued for {count} recipients.")
