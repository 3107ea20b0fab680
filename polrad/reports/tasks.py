from celery import shared_task


@shared_task(acks_late=True)
def generate_report(report_id: int) -> bool:
    """Safe to run twice: only a pending report is generated, under a row lock."""
    from polrad.reports import services

    return services.stored_report_generate(report_id=report_id)
