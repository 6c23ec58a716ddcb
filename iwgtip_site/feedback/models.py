"""Readers' feedback on the public pages (see iwgtip_site.feedback): what is stored, and nothing about the reader."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 500
PAGE_PATH_MAX_LENGTH = 500


class FeedbackAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLED = "handled", _("Handled")


class PageFeedback(models.Model):
    """A reader's answer to "Did you find what you were looking for?" on one page, with an optional
    comment. Nothing about the reader is stored: no IP address, browser, name or e-mail address."""

    page_path = models.CharField(
        _("page"), max_length=PAGE_PATH_MAX_LENGTH, db_index=True, help_text=_("The address of the page, on this site.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    answer = models.CharField(_("found what they were looking for"), max_length=3, choices=FeedbackAnswer.choices)
    comment = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.NEW,
        db_index=True,
        help_text=_("Mark it handled once the page is fixed, or once you decide nothing needs to change."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True, editable=False)

    class Meta:
        # Counted ("5 feedback reports", « 5 rétroactions »): a countable name, singular and plural.
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("%(page)s: %(answer)s") % {"page": self.page_path, "answer": self.get_answer_display()}
