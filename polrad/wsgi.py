import os

from django.core.wsgi import get_wsgi_application

from polrad.collector import set_aside_what_is_loaded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "polrad.settings")

application = get_wsgi_application()
set_aside_what_is_loaded()
