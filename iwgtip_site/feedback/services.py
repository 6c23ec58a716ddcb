"""Page feedback's services: which addresses take feedback, recording it, and its triage."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from iwgtip_site.text import without_control_characters

from ..i18n import LANGUAGE_CODES
from .models import PAGE_PATH_MAX_LENGTH, FeedbackStatus, PageFeedback

# Routes that take no feedback: the admin, the feedback pages themselves, and files and feeds (which show
# no feedback widget).
NO_FEEDBACK_ROUTES = {"feedback", "feedback_yes", "feedback_thanks", "edition_download", "pamphlet_zip", "updates_feed"}


def feedback_page_path(path):
    """`path` if it is the address of a page of this site in an official language that the public can see
    now, else None: feedback about an address that leads nowhere would only clutter triage."""
    path = str(path or "")
    if (
        not path.startswith("/")
        or len(path) > PAGE_PATH_MAX_LENGTH
        or path != without_control_characters(path)
        or any(character in path for character in "?#\\ ")
        or "//" in path
        or not url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    ):
        return None
    language = path.split("/")[1]
    if language not in LANGUAGE_CODES:
        return None
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if "admin" in match.namespaces or match.url_name in NO_FEEDBACK_ROUTES or not _public_can_see(match, path):
            return None
    return path


def _public_can_see(match, path):
    """Whether the page `path` resolved to (`match`) shows the public an item, found by its view's own lookup
    (the one rule for what the public sees, and one or two queries). A page with no single item (a list,
    search) is always there."""
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        return True
    request = HttpRequest()
    request.method, request.path, request.path_info = "GET", path, path
    request.user = AnonymousUser()
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    try:
        view.get_object()
    except Http404:
        return False
    return True


def feedback_record(*, page_path, answer, comment=""):
    """Store one reader's feedback on the page at `page_path` (already checked with feedback_page_path)."""
    return PageFeedback.objects.create(
        page_path=page_path, language=page_path.split("/")[1], answer=answer, comment=comment
    )


@transaction.atomic
def feedback_set_status(*, feedback, status, user):
    """Mark the `feedback` queryset handled (by `user`, now) or new again; returns how many changed."""
    changing = feedback.exclude(status=status)
    if status == FeedbackStatus.HANDLED:
        return changing.update(status=status, handled_by=user, handled_at=timezone.now())
    return changing.update(status=status, handled_by=None, handled_at=None)
