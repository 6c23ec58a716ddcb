"""The project package's own models, kept in their packages: readers' page feedback (iwgtip_site.feedback),
the editorial workflow's working copies and staff preferences (iwgtip_site.workflow), redirects
(iwgtip_site.redirects); and, here, the page cache's content version (iwgtip_site.caching), one row."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .feedback.models import FeedbackAnswer, FeedbackStatus, PageFeedback
from .redirects.models import Redirect, RedirectOrigin
from .workflow.models import ReviewState, StaffPreferences, WorkingCopy


class ContentVersion(models.Model):
    """The version of the public content: one row, raised in the same transaction as any change to it
    (iwgtip_site/caching.py). The page cache keeps a copy in Redis for speed; this row is the truth, so
    a change made while Redis cannot be reached is not lost with it."""

    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.version)


__all__ = [
    "ContentVersion",
    "FeedbackAnswer",
    "FeedbackStatus",
    "PageFeedback",
    "Redirect",
    "RedirectOrigin",
    "ReviewState",
    "StaffPreferences",
    "WorkingCopy",
]
