from celery import shared_task

# Tasks of the project package's modules: imported here so that workers discover them.
from polrad.reports.tasks import generate_report

__all__ = ["generate_report", "ping"]


@shared_task
def ping(name: str) -> str:
    """Answers at once: lets operators and tests see that workers take tasks."""
    return f"pong {name}"
