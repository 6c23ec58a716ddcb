"""The public feedback views (see the package's docstring): one-click "Yes", the form for "No" or a problem
report, the thank-you page. Checked, throttled, stored."""

import logging

from django import forms
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from iwgtip_site.text import collapse_spaces, without_control_characters

from .models import COMMENT_MAX_LENGTH, FeedbackAnswer
from .services import feedback_page_path, feedback_record

logger = logging.getLogger(__name__)

RATES = ("5/m", "30/h")  # feedback sent by one client
HONEYPOT_FIELD = "website"
TITLE_MAX_LENGTH = 300


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


class PageTitleField(forms.CharField):
    """The title of the page the feedback is about, as its widget sent it: shown as the link's text on the form
    (escaped, never stored). The link itself goes to the checked address."""

    def to_python(self, value):
        return collapse_spaces(without_control_characters(super().to_python(value)))[:TITLE_MAX_LENGTH]


class FeedbackForm(forms.Form):
    page = forms.CharField(widget=forms.HiddenInput, required=False)
    title = PageTitleField(widget=forms.HiddenInput, required=False)
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


def _throttled(request):
    response = render(request, "feedback/throttled.html", status=429)
    response["Retry-After"] = "60"
    return response


def _from_another_site(request):
    """Whether a browser says this POST comes from a page of another site. The one-click "Yes" is posted from
    cached pages, which carry no CSRF token; a browser names the posting page's origin, so a vote forged by
    another site is refused. (Its worst effect would be a "Yes" row: nothing about the reader is involved.)"""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin == "null"
    return not url_has_allowed_host_and_scheme(f"{origin}/", allowed_hosts={request.get_host()})


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
            return _throttled(request)
        form = FeedbackForm(request.POST)
        if request.POST.get(HONEYPOT_FIELD):
            return redirect(_thanks_url(feedback_page_path(request.POST.get("page"))))
        if form.is_valid():
            data = form.cleaned_data
            feedback_record(page_path=data["page"], answer=data["answer"], comment=data["comment"])
            return redirect(_thanks_url(data["page"]))
        cleaned = form.cleaned_data
        context = {"form": form, "page_url": cleaned.get("page"), "about_title": cleaned.get("title")}
        return render(request, "feedback/form.html", context, status=400)

    page = feedback_page_path(request.GET.get("page"))
    title = PageTitleField(required=False).clean(request.GET.get("title")) if page else ""
    form = FeedbackForm(initial={"page": page, "title": title, "answer": _initial_answer(request.GET.get("answer"))})
    context = {"form": form, "page_url": page, "about_title": title}
    return render(request, "feedback/form.html", context, status=200 if page else 400)


@csrf_exempt  # posted from cached pages, which carry no token: see _from_another_site
@never_cache
@require_POST
def feedback_yes(request):
    """The one-click "Yes" of every page's widget: recorded, then the thank-you page."""
    if _from_another_site(request):
        return HttpResponseForbidden()
    if is_throttled(request):
        return _throttled(request)
    page = feedback_page_path(request.POST.get("page"))
    if page is None:
        return render(request, "feedback/form.html", {"form": FeedbackForm(), "page_url": None}, status=400)
    feedback_record(page_path=page, answer=FeedbackAnswer.YES)
    return redirect(_thanks_url(page))


@require_safe
def feedback_thanks(request):
    page = feedback_page_path(request.GET.get("page"))
    return render(request, "feedback/thanks.html", {"page_url": page})
