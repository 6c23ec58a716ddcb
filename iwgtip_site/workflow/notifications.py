"""E-mail to staff about reviews, each in the recipient's language (their StaffPreferences, which follow the
admin language they use unless they chose one).

- Changes submitted for review: every active staff member who may publish that kind of content, but the
  one who submitted them.
- Changes approved, scheduled or sent back: the editors who made and submitted them.
- Items due for review, once a day: each content type's publishers (`review_dates.send_digest`).

Messages are sent once the transition is committed; a failed send is logged and never undoes it. Links lead
to the item in the admin, at SITE_URL (the address staff reach the site at).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .roles import publish_codename

logger = logging.getLogger(__name__)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def staff_language(user):
    """The language `user` reads e-mails in."""
    preferences = getattr(user, "staff_preferences", None) if user is not None else None
    try:
        return preferences.language if preferences is not None else settings.LANGUAGE_CODE
    except Exception:  # the related row does not exist
        return settings.LANGUAGE_CODE


def admin_url(item, language):
    opts = item._meta
    return site_url(f"admin:{opts.app_label}_{opts.model_name}_change", language, args=[item.pk])


def site_url(name, language, args=()):
    """The full address of URL `name` in `language`, at SITE_URL, for a link in an e-mail."""
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def render_message(user, template, values):
    """(subject, body) of e-mail `template` (workflow/email/) for `user`, in the language they read."""
    with translation.override(staff_language(user)):
        values = {**values, "recipient": user}
        subject = " ".join(render_to_string(f"workflow/email/{template}_subject.txt", values).split())
        body = render_to_string(f"workflow/email/{template}.txt", values)
    return subject, body


def send_now(messages):
    """Send (subject, body, address) messages; a failed one is logged, the others still go. Returns how many
    were sent."""
    sent = 0
    for subject, body, address in messages:
        try:
            send_mail(subject, body, None, [address])
            sent += 1
        except Exception:
            logger.exception("Could not send the review notification %r to %s", subject, address)
    return sent


def _send(recipients, template, context):
    """Queue one e-mail per recipient, rendered in their language, for after the commit."""
    messages = []
    for user in recipients:
        if not user.email:
            continue
        values = {**context, "url": admin_url(context["item"], staff_language(user))}
        messages.append((*render_message(user, template, values), user.email))
    if messages:
        transaction.on_commit(lambda: send_now(messages))


def publishers_of(model):
    """Active staff who may publish `model`'s items."""
    permission = f"{model._meta.app_label}.{publish_codename(model)}"
    users = get_user_model().objects.with_perm(
        permission, is_active=True, include_superusers=False, backend=MODEL_BACKEND
    )
    return users.filter(is_staff=True).select_related("staff_preferences").distinct()


def submitted(*, copy, item):
    recipients = [user for user in publishers_of(type(item)) if user.pk != copy.submitted_by_id]
    _send(recipients, "submitted", {"item": item, "copy": copy})


def reviewed(*, copy, item, outcome):
    """`outcome`: "approved", "scheduled" or "changes_requested"."""
    authors = {user.pk: user for user in (copy.created_by, copy.submitted_by) if user is not None}
    recipients = [user for pk, user in authors.items() if pk != copy.reviewed_by_id]
    _send(recipients, outcome, {"item": item, "copy": copy})
