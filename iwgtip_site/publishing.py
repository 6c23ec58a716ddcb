"""Publishing, once for every content type: what the public may see, and when.

An item is *live* when its status is Published and now is inside its optional publication window
(`publish_at` <= now < `unpublish_at`). The window is evaluated at query time, so a scheduled item
goes live, and an expiring one disappears, on time with no cron job.

What the public may see in a language is `Model.objects.public(language)`: live, with a version in that
language, and whatever else the model adds (a page also needs its ancestors public; an edition, its
pamphlet). It is the one rule: every public view, menu, breadcrumb, list, search source, sitemap, feed,
API and download reads it, and nothing else filters content on its status or publication dates. Staff who
may change a model preview its other items through `visible_to(user)` and `PreviewMixin`.
"""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from . import i18n
from .i18n import LANGUAGE_CODES


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# An item's publication: changed by publishers only (iwgtip_site.workflow).
PUBLICATION_FIELDS = ("status", "publish_at", "unpublish_at")


class PublicationState(models.TextChoices):
    """What the public sees right now, derived from status and the publication window."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")


class ContentQuerySet(models.QuerySet):
    """What every content model's manager offers, publishable or not (a provision, a language)."""

    def light(self, keep=()):
        """Without the long text columns (bodies, descriptions) in any language, except the fields named in
        `keep`: lists need titles and addresses, not whole pages."""
        kept = {
            name for field in keep for name in (field, *(build_localized_fieldname(field, c) for c in LANGUAGE_CODES))
        }
        long_text = [
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, models.TextField) and field.name not in kept
        ]
        return self.defer(*long_text)


class PublishableQuerySet(ContentQuerySet):
    def live(self, at=None):
        """Items published and inside their publication window at `at` (now), in any language. The public
        sees `public()`, which starts from this."""
        at = at or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=at),
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=at),
            status=Status.PUBLISHED,
        )

    def public(self, language=None):
        """What the public may see in `language` (the current one): live items that have a version in it.
        Models that need more override this (pages: under public pages only)."""
        return self.live().in_language(language)

    def public_in_languages(self):
        """Items public in at least one language, each annotated `public_<code>` (True or False) for every
        language: for the sitemap, which lists each item once per language it has. One query."""
        flags = {
            f"public_{code}": ExpressionWrapper(
                Q(pk__in=self.model._default_manager.public(code).values("pk")), output_field=BooleanField()
            )
            for code in LANGUAGE_CODES
        }
        either = Q()
        for name in flags:
            either |= Q(**{name: True})
        return self.annotate(**flags).filter(either)

    def visible_to(self, user, language=None, **public_options):
        """What `user` may open in `language` (the current one): every item that has a version in it, for
        staff who may edit this kind (preview), else the public ones (`public_options` go to `public()`)."""
        if can_preview(user, self.model):
            return self.in_language(language)
        return self.public(language, **public_options)

    def in_language(self, language=None):
        """Items that exist in `language` (the current one): their `required_translations` are filled.
        Nothing is shown in place of a missing translation."""
        language = language or translation.get_language()
        query = Q()
        for field in getattr(self.model, "required_translations", ()):
            name = build_localized_fieldname(field, language)
            query &= Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})
        return self.filter(query)

    def missing_language(self, language):
        """Items with no version in `language` (the opposite of `in_language`, whatever the model's rule)."""
        return self.exclude(pk__in=self.model._default_manager.in_language(language).values("pk"))

    # For staff: what is due to change by itself, and what was due and did not.

    def scheduled(self, at=None):
        """Published items whose publication time has not come yet."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=at or timezone.now())

    def expiring(self, at=None):
        """Published items with an unpublication time still to come."""
        return self.filter(status=Status.PUBLISHED, unpublish_at__gt=at or timezone.now())

    def overdue(self, at=None):
        """Drafts whose publication time has passed: someone meant to publish them and did not."""
        return self.filter(status=Status.DRAFT, publish_at__lte=at or timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_status(self, status):
        """Items whose status is `status` (staff reports: what the public sees is `public()`)."""
        return self.filter(status=status)


class Publishable(models.Model):
    """Status, publication window and the dates a public page shows ("Date modified")."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Drafts are visible only to staff, through preview."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Optional. A published item stays hidden until this time, then goes live by itself."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Optional. The item disappears from the public site at this time."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("date modified"), auto_now=True)
    # Editorial workflow (iwgtip_site/workflow.py keeps these up to date on every edit).
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last modified by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edit_version = models.PositiveIntegerField(
        _("edit version"),
        default=1,
        editable=False,
        help_text=_("Counts saves, to refuse an edit made on a stale copy."),
    )
    outdated_language = models.CharField(
        _("translation that may be out of date"),
        max_length=5,
        blank=True,
        editable=False,
        choices=settings.LANGUAGES,
        help_text=_("Set when one language's text changed and the other's did not."),
    )
    review_by = models.DateField(
        _("review by"), null=True, blank=True, help_text=_("When this content should next be checked for accuracy.")
    )

    # The item's pending changes and review, if any (iwgtip_site.workflow): deleted with it.
    working_copies = GenericRelation("iwgtip_site.WorkingCopy")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The first publication date is history, recorded once: when the item first became
        # Published (or the time it is scheduled to go live).
        if self.status == Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = self.publish_at or timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)

    def publication_state(self, at=None):
        at = at or timezone.now()
        if self.status != Status.PUBLISHED:
            return PublicationState.DRAFT
        if self.publish_at and self.publish_at > at:
            return PublicationState.SCHEDULED
        if self.unpublish_at and self.unpublish_at <= at:
            return PublicationState.EXPIRED
        return PublicationState.LIVE

    def is_live(self, at=None):
        """The same rule as `PublishableQuerySet.live()`, for an item already in memory."""
        return self.publication_state(at) == PublicationState.LIVE

    def missing_translations(self, language):
        """The required fields left empty in `language` (the rule: iwgtip_site.i18n)."""
        return i18n.missing_required(self, language)

    def translation_exemptions(self):
        """Required fields this item may leave empty (the home page needs no slug). None by default."""
        return ()

    def refresh_derived(self):
        """Called by the workflow after each write of the item: what is derived from it and stored elsewhere
        (a page's address and its sub-pages'). Nothing by default."""

    def clean(self):
        super().clean()
        errors = i18n.language_version_errors(self)
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = _("The unpublication time must come after the publication time.")
        if errors:
            raise ValidationError(errors)

    def full_clean(self, exclude=None, *args, **kwargs):
        """The bilingual publish gate comes last, once the item's own fields are valid (its rows are checked
        by the workflow once they are saved). Not where the status is not being edited (an editor's form):
        the workflow's services check it when the item is published."""
        super().full_clean(exclude, *args, **kwargs)
        if exclude and "status" in exclude:
            return
        if self.status == Status.PUBLISHED and (gaps := i18n.publication_gaps(self, rows=False)):
            raise ValidationError({"status": gaps})


def publishable_models():
    """Every model the public sees only once it is published: pages, instruments, organizations, pamphlets
    and their editions."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


@cache
def content_app_labels():
    """The apps whose models are public content: those with a publishable model. Every model of theirs is
    content (a provision is part of its instrument's page): changing one refreshes the page cache, and the
    roles' permissions cover them all."""
    return frozenset(model._meta.app_label for model in publishable_models())


@cache
def row_owners():
    """{row model: (item model, name of the row's foreign key to it)} for the rows written with an item
    (`item_rows`: an instrument's provisions)."""
    owners = {}
    for model in apps.get_models():
        for name in getattr(model, "item_rows", ()):
            relation = model._meta.get_field(name)
            owners.setdefault(relation.related_model, (model, relation.field.name))
    return owners


def is_content_model(model):
    return model._meta.app_label in content_app_labels()


def latest_change(items):
    """When the newest of `items` last changed: a list page's "Date modified" (None if empty)."""
    return max((item.updated_at for item in items), default=None)


def can_preview(user, model):
    """Staff who may change a model may see its unpublished items."""
    opts = model._meta
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )
