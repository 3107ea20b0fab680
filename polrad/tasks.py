from celery import shared_task


@shared_task
def ping(name: str) -> str:
    """Answers at once: lets operators and tests see that workers take tasks."""
    return f"pong {name}"
