"""The interface language: Vietnamese unless the person chose another one."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without the browser's Accept-Language.

    Many officers' browsers ask for English first; the interface stays Vietnamese for them
    until they pick English in the header switcher (the `set_language` view's cookie). The
    public portal reads its own choice (`PORTAL_LANGUAGE_COOKIE_NAME`, set by its switcher),
    so choosing a language on one never changes the other.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(language_cookie_for(request.path_info))
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def language_cookie_for(path: str) -> str:
    """The cookie holding the language chosen for the page at `path`: the portal's own, or
    the one of the staff interface (and every other page)."""
    if path.startswith(settings.PORTAL_PATH):
        return settings.PORTAL_LANGUAGE_COOKIE_NAME
    return settings.LANGUAGE_COOKIE_NAME
