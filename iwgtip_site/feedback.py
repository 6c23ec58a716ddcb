"""Page feedback, the Government of Canada pattern: "Did you find what you were looking for?" and
"Report a problem or mistake on this page", at the foot of every public page.

Public pages are cached for anonymous readers, and a cached page may not carry a CSRF token. So the
widget on each page is a small GET form (the page's address and a Yes / No button) leading to
/<language>/feedback/, which shows the real form: CSRF-protected, the answer preselected, an optional
comment, and a honeypot field that people (and assistive technology) never see. Stored: the page, its
language, the answer and the comment; nothing about the reader. Each client may send 5 a minute and 30
an hour (django-ratelimit, counted in the shared cache under a hash, so no address is stored either).
"""

import logging

from django import forms
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from .i18n import LANGUAGE_CODES
from .models import COMMENT_MAX_LENGTH, PAGE_PATH_MAX_LENGTH, FeedbackAnswer, FeedbackStatus, PageFeedback
from .text import without_control_characters

logger = logging.getLogger(__name__)

RATES = ("5/m", "30/h")  # feedback sent by one client
HONEYPOT_FIELD = "website"
# Routes that take no feedback: the admin, and the feedback pages themselves.
NO_FEEDBACK_ROUTES = {"feedback", "feedback_thanks"}


def feedback_page_path(path):
    """`path` if it is the address of a page of this site in an official language, else None."""
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
    if "admin" in match.namespaces or match.url_name in NO_FEEDBACK_ROUTES:
        return None
    return path


def is_throttled(request):
    """Counts this POST against the client's allowance; True once it is used up. If the cache cannot
    count (it is down), feedback is refused too: the limits are what keeps a flood out of the database."""
    try:
        # Every window counts every attempt (no short-circuit), so a client can't slip between them.
        limited = [
            is_ratelimited(request, group="page-feedback", key="ip", rate=rate, method="POST", increment=True)
            for rate in RATES
        ]
    except Exception:
        logger.exception("Feedback rate limit unavailable; refusing feedback")
        return True
    return any(limited)


# Forms


class PlainTextField(forms.CharField):
    """Text typed by the public: control characters removed (line breaks kept), then length-checked."""

    def to_python(self, value):
        return without_control_characters(super().to_python(value), keep_newlines=True).strip()


class FeedbackForm(forms.Form):
    page = forms.CharField(widget=forms.HiddenInput, required=False)
    answer = forms.ChoiceField(
        label=_("Did you find what you were looking for?"),
        choices=FeedbackAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Yes or No."), "invalid_choice": _("Choose Yes or No.")},
    )
    comment = PlainTextField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "At most 500 characters. Do not include personal information such as your name, e-mail address or "
            "telephone number: we cannot reply to comments, and we do not keep such information."
        ),
        error_messages={
            "max_length": _("Your comment is too long: keep it to %(limit_value)d characters (it has %(show_value)d).")
        },
    )
    # The honeypot: hidden from people and assistive technology, so only a robot fills it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_page(self):
        page = feedback_page_path(self.cleaned_data.get("page"))
        if page is None:
            raise forms.ValidationError(
                _("We could not tell which page your feedback is about. Use the form at the bottom of the page.")
            )
        return page


def _initial_answer(value):
    return value if value in FeedbackAnswer.values else ""


# Services


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


# Views


def _thanks_url(page):
    url = reverse("feedback_thanks")
    return f"{url}?{urlencode({'page': page})}" if page else url


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_view(request):
    """GET: the form, for the page named by ?page= (and ?answer=yes|no, preselected).
    POST: refused when throttled (429) or invalid (400, with the reasons); otherwise stored, then the
    thank-you page. A filled-in honeypot gets the thank-you page too, and nothing is stored."""
    if request.method == "POST":
        if is_throttled(request):
            response = render(request, "feedback/throttled.html", status=429)
            response["Retry-After"] = "60"
            return response
        form = FeedbackForm(request.POST)
        if request.POST.get(HONEYPOT_FIELD):
            return redirect(_thanks_url(feedback_page_path(request.POST.get("page"))))
        if form.is_valid():
            data = form.cleaned_data
            feedback_record(page_path=data["page"], answer=data["answer"], comment=data["comment"])
            return redirect(_thanks_url(data["page"]))
        context = {"form": form, "page_url": form.cleaned_data.get("page")}
        return render(request, "feedback/form.html", context, status=400)

    page = feedback_page_path(request.GET.get("page"))
    form = FeedbackForm(initial={"page": page, "answer": _initial_answer(request.GET.get("answer"))})
    return render(request, "feedback/form.html", {"form": form, "page_url": page}, status=200 if page else 400)


@require_safe
def feedback_thanks(request):
    page = feedback_page_path(request.GET.get("page"))
    return render(request, "feedback/thanks.html", {"page_url": page})
