from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class LanguageMiddleware:
    """Dutch unless the user chose another language with the switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the
    network works in Dutch, and an English browser should not silently change that.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateCacheMiddleware:
    """Keep every response to a logged-in user out of shared and browser caches.

    Pages for a logged-in user may show concerns or personal data; after logout the browser's
    back button or cache must not bring them back. Applies when the user was logged in at the
    start or at the end of the request (the login and logout responses included).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        logged_in = bool(user and user.is_authenticated)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if logged_in or (user and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
