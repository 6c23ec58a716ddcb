"""A redirect: an old address of the site and where it leads now."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from iwgtip_site.fields import validate_web_address


class RedirectOrigin(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic: the address changed")
    MANUAL = "manual", _("Added by staff")


def validate_old_path(value):
    if not value.startswith("/") or value.startswith("//") or "?" in value or "#" in value:
        raise ValidationError(
            _("Enter the old address as a path on this site, starting with /, for example /en/old-page/."),
            code="invalid_old_path",
        )


def validate_target_address(value):
    """A path on this site (/fr/...) or a web address elsewhere (https://...)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        validate_web_address(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a path on this site starting with / (/en/new-page/) or a web address starting with https://."),
            code="invalid_target",
        ) from None


class Redirect(models.Model):
    """An old address of the site that answers 301 to an item (wherever the item is now) or to an address."""

    old_path = models.CharField(
        _("old address"),
        max_length=1000,
        unique=True,
        validators=[validate_old_path],
        help_text=_("The path that no longer leads to content, with its language, for example /en/old-page/."),
    )
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("item number"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    # Which of the item's addresses: "" its page; else one it names in `redirect_variants` (an edition's
    # text as a web page, a pamphlet's ZIP).
    target_variant = models.CharField(_("which address of the item"), max_length=20, blank=True, editable=False)
    target_url = models.CharField(
        _("new address"),
        max_length=1000,
        blank=True,
        validators=[validate_target_address],
        help_text=_(
            "Where the old address leads: a path on this site (/en/new-page/) or a web address elsewhere. "
            "Leave empty when the redirect leads to an item."
        ),
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=RedirectOrigin.choices, default=RedirectOrigin.MANUAL, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target_url="", target_type__isnull=False, target_id__isnull=False)
                    | (~models.Q(target_url="") & models.Q(target_type__isnull=True, target_id__isnull=True))
                ),
                name="iwgtip_site_redirect_one_target",
            )
        ]

    def __str__(self):
        return self.old_path

    def clean(self):
        super().clean()
        has_item = self.target_type_id is not None or self.target_id is not None
        if bool(self.target_url) == has_item:
            raise ValidationError(
                {"target_url": _("Give the redirect one destination: either a new address or an item, not both.")}
            )
        if has_item and self.target is None:
            raise ValidationError({"target_id": _("There is no such item of this kind.")})
        if self.target_url and self.target_url.split("?")[0] == self.old_path:
            raise ValidationError({"target_url": _("The new address is the old address: it would lead nowhere.")})
