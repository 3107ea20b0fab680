from celery import shared_task

from polrad.reports import services


@shared_task(acks_late=True)
def generate_report(report_id: int) -> bool:
    """Safe to run twice: only a pending report is generated, under a row lock."""
    return services.stored_report_generate(report_id=report_id)
