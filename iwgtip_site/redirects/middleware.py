"""Serving redirects: an address that would be a 404 answers 301 to where its content is now."""

from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from .services import redirect_location


class RedirectFallbackMiddleware:
    """Looks an address up among the redirects when the site has nothing at it (one query, two when the
    redirect leads to an item: is it public?). Inside the page cache, which keeps the 301 like a page, so a
    redirect followed often costs no query; a change to any redirect refreshes the cache as content does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        location = redirect_location(request.path, translation.get_language())
        if location is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        redirect = HttpResponsePermanentRedirect(f"{location}?{query}" if query and "?" not in location else location)
        redirect.cacheable_redirect = True  # iwgtip_site.caching stores it like a page
        return redirect
