"""The public feedback form (see the package's docstring): shown for one page, checked, throttled, stored."""

import logging

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from iwgtip_site.text import without_control_characters

from .models import COMMENT_MAX_LENGTH, FeedbackAnswer
from .services import feedback_page_path, feedback_record

logger = logging.getLogger(__name__)

RATES = ("5/m", "30/h")  # feedback sent by one client
HONEYPOT_FIELD = "website"


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
