"""The redirects the write path leaves behind when addresses change, and the rules they keep.

`addresses_of(item)` lists every public address of an item and of what is addressed under it (a page's
sub-pages, a pamphlet's files), in each language, as stored now. The workflow (`workflow.services`) takes
that list before a change it writes for good and gives it back after (`addresses_changed`): each address
that moved (a slug changed in either language, a new parent, a page moved in the tree) gets a redirect to
its item, made automatically; every address the change gave out again stops redirecting. Models say what
they address through one hook, `redirect_addresses()`; without it, an item has its page in each language.

Chains never form: an automatic redirect leads to the item, not to its address of the day, and a redirect
made to an address that another redirect starts from takes that one's destination (A→B, B→C is A→C).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation

from iwgtip_site.i18n import LANGUAGE_CODES, has_translation
from iwgtip_site.publishing import Status

from .models import Redirect, RedirectOrigin


@dataclass(frozen=True)
class Address:
    """One public address of an item: its page (`variant` "") or another (a file's, in `redirect_variants`)."""

    language: str
    path: str
    item: models.Model
    variant: str = ""
    published: bool = True  # the item's status when the address was read (a draft's were never public)

    @property
    def key(self):
        """What stays the same when the address moves: which item, which of its addresses, which language."""
        return (self.item._meta.label_lower, self.item.pk, self.variant, self.language)


def target_address(item, variant=""):
    """The address of `item` (its page, or its address named `variant`) in the current language."""
    if variant:
        if variant not in getattr(item, "redirect_variants", ()):
            return None
        return getattr(item, f"{variant}_url")()
    return item.get_absolute_url()


def item_addresses(item, variants=("",)):
    """The addresses of `item` itself: its page (and the `variants` it names) in each language it has."""
    found = []
    published = getattr(item, "status", Status.PUBLISHED) == Status.PUBLISHED
    for language in LANGUAGE_CODES:
        if has_translation(item, language):
            with translation.override(language):
                found += [
                    Address(language, target_address(item, variant), item, variant, published) for variant in variants
                ]
    return found


def addresses_of(item):
    """{key: Address}: the public addresses of `item` and of what is addressed under it, as stored now."""
    hook = getattr(item, "redirect_addresses", None)
    found = hook() if hook is not None else item_addresses(item)
    return {address.key: address for address in found if address.path}


def addresses_changed(before, item, *, user=None):
    """After a change of `item` written for good: a redirect from each address in `before` (addresses_of, taken
    before the change) that moved, to its item; the addresses now in use stop redirecting. Only addresses of
    published items: a draft's addresses were never public."""
    after = addresses_of(item)
    in_use = {address.path for address in after.values()}
    Redirect.objects.filter(old_path__in=in_use).delete()
    for key, old in before.items():
        new = after.get(key)
        if new is None or new.path == old.path or old.path in in_use or not old.published:
            continue
        redirect_record(old_path=old.path, target=new.item, variant=new.variant, user=user,
                        origin=RedirectOrigin.AUTOMATIC)  # fmt: skip


@transaction.atomic
def redirect_record(*, old_path, target=None, variant="", target_url="", user=None, origin=RedirectOrigin.MANUAL):
    """Make `old_path` lead to `target` (an item, or its address named `variant`) or to `target_url`, replacing
    any redirect it had; collapse chains both ways. Returns the redirect (None if it would lead to itself)."""
    if target_url:
        followed = Redirect.objects.filter(old_path=target_url.split("?")[0]).first()
        if followed is not None:  # A→B while B→C: A→C
            target_url = followed.target_url
            target, variant = (followed.target, followed.target_variant) if followed.target_type_id else (None, "")
    destination = {
        "target_type": ContentType.objects.get_for_model(target) if target is not None else None,
        "target_id": target.pk if target is not None else None,
        "target_variant": variant if target is not None else "",
        "target_url": "" if target is not None else target_url,
    }
    if not target_url and target is None:
        return None
    if target_url and target_url.split("?")[0] == old_path:
        Redirect.objects.filter(old_path=old_path).delete()
        return None
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path, defaults={**destination, "origin": origin, "created_by": user if user and user.pk else None}
    )
    # Redirects that led to this old address now lead where it leads: B→A while A→C is B→C.
    Redirect.objects.filter(target_url=old_path).exclude(pk=redirect.pk).update(**destination)
    return redirect


def redirect_location(path, language=None):
    """Where `path` leads now, or None: its redirect's address, or its item's address in `language` (the
    current one) while the item is public in it."""
    redirect = Redirect.objects.filter(old_path=path).select_related("target_type").first()
    if redirect is None:
        return None
    if redirect.target_url:
        return redirect.target_url
    model = redirect.target_type.model_class()
    if model is None:
        return None
    manager = model._default_manager
    public = manager.public(language) if hasattr(manager, "public") else manager.all()
    item = public.filter(pk=redirect.target_id).first()
    if item is None:
        return None
    location = target_address(item, redirect.target_variant)
    return location if location and location != path else None
