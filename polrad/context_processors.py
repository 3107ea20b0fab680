from django.conf import settings

from polrad.navigation import navigation_for


def site(request):
    return {
        "network_name": settings.NETWORK_NAME,
        "navigation": navigation_for(request),
    }
