from django.core.management.base import BaseCommand, CommandError

from polrad import periods
from polrad.management.output import counted
from signals import tasks, trends


class Command(BaseCommand):
    help = (
        "Send the trend updates of a period (default: the last complete one); idempotent. "
        "A month goes to monthly subscribers, a quarter to quarterly ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-10 for a month, 2026-Q3 for a quarter.")
        parser.add_argument(
            "--frequency",
            choices=[trends.MONTHLY, trends.QUARTERLY],
            help="Without --period: the last complete month (default) or quarter.",
        )

    def handle(self, *args, period=None, frequency=None, **options):
        if period:
            try:
                chosen = periods.parse(period)
            except ValueError as exc:
                raise CommandError(f"Unknown period {period!r}: use 2026-10 or 2026-Q3.") from exc
            chosen_frequency = trends.FREQUENCIES[chosen.kind]
            if frequency and frequency != chosen_frequency:
                raise CommandError(f"{period} is a {chosen_frequency} period, not {frequency}.")
            frequency = chosen_frequency
        try:
            count = tasks.send_trend_updates(period=period, frequency=frequency or trends.MONTHLY)
        except trends.PeriodNotEnded as exc:
            raise CommandError(
                f"{exc} has not ended yet: trend updates are sent for a period that has ended."
            ) from exc
        self.stdout.write(f"Trend updates queued for {counted(count, 'recipient')}.")
