"""What the workflow stores beside the content: each item's review and pending changes (its working copy),
and each staff member's preferences (the language of their e-mails)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    """Where an item's pending changes stand. (Published, or not, is the item's own status.)"""

    EDITING = "editing", _("Being edited")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    SCHEDULED = "scheduled", _("Approved, scheduled")


class WorkingCopy(models.Model):
    """The changes being prepared to an item, and their review.

    For a published item, `content` holds the whole new version (the item and the rows that are part of it,
    in both languages, as Django's serializer writes them): editors change it while the public keeps the
    published rows, until a publisher approves it. For a draft the rows themselves are the work in progress
    (the public sees neither) and `content` is empty: this record then only carries the review. An item
    has at most one working copy."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    content = models.JSONField(_("pending version"), null=True, blank=True, editable=False)
    files = models.JSONField(
        _("files of the pending version"),
        default=list,
        editable=False,
        help_text=_("Stored files the pending version refers to and the published one does not."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    state = models.CharField(_("review"), max_length=20, choices=ReviewState.choices, default=ReviewState.EDITING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    message = models.TextField(_("message to the reviewer"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    publish_at = models.DateTimeField(_("to be published at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("working copy")
        verbose_name_plural = _("working copies")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="iwgtip_site_one_working_copy_per_item")
        ]
        indexes = [models.Index(fields=["state", "content_type"], name="iwgtip_site_wc_state")]

    def __str__(self):
        return str(self.item) if self.item is not None else f"{self.content_type} {self.object_id}"

    @property
    def holds_changes(self):
        """Whether this copy carries a pending version of a published item (else it reviews a draft)."""
        return self.content is not None


class StaffPreferences(models.Model):
    """A staff member's preferences: the language of the e-mails the site sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preferences", verbose_name=_("user")
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        help_text=_("Notifications are written in this language. It follows the language you use in the admin."),
    )
    language_chosen = models.BooleanField(
        _("language chosen"),
        default=False,
        help_text=_("Set when the language was chosen here; otherwise it follows the admin's language."),
    )

    class Meta:
        verbose_name = _("staff preferences")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)
