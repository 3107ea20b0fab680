from celery import shared_task

from polrad import mail
from polrad.accounts import emails
from polrad.accounts.models import User


@shared_task
def send_invitation(user_id: int) -> None:
    user = User.objects.select_related("invited_by").get(pk=user_id)
    if user.has_usable_password() or not user.is_active:
        return  # accepted or withdrawn in the meantime
    mail.send([emails.invitation(user)])
