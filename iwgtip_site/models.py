"""The project package's own models, kept in their packages: readers' page feedback (iwgtip_site.feedback),
the editorial workflow's working copies and staff preferences (iwgtip_site.workflow), redirects
(iwgtip_site.redirects); and, here, the page cache's content version (iwgtip_site.caching), one row, and the
search index (iwgtip_site.search_index)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
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


class SearchEntry(models.Model):
    """One item's search document in one language, for one content source (iwgtip_site.search_index): its
    weighted text search vector and the text its snippets are cut from, tags stripped, computed when the item
    is written. Whether the public may see the item is not stored: searches join the one public rule."""

    source = models.CharField(_("source"), max_length=40)
    object_id = models.BigIntegerField(_("item"))
    language = models.CharField(_("language"), max_length=10)
    # The item written through the workflow that this entry is written with (an instrument, for a provision).
    owner_type = models.ForeignKey(ContentType, verbose_name=_("owner type"), on_delete=models.CASCADE)
    owner_id = models.BigIntegerField(_("owner"))
    document = SearchVectorField(_("document"), null=True)  # PostgreSQL only (GIN indexes: migration 0009)
    snippet_text = models.TextField(_("snippet text"), blank=True)
    # When the document must be computed again by itself: a row it reads (a pamphlet's edition) is
    # scheduled to go live or to expire then.
    refresh_at = models.DateTimeField(_("refresh at"), null=True, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["source", "language", "object_id"], name="search_entry_unique"),
        ]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="search_entry_owner")]

    def __str__(self):
        return f"{self.source} {self.object_id} ({self.language})"


__all__ = [
    "ContentVersion",
    "FeedbackAnswer",
    "FeedbackStatus",
    "PageFeedback",
    "Redirect",
    "RedirectOrigin",
    "ReviewState",
    "SearchEntry",
    "StaffPreferences",
    "WorkingCopy",
]
