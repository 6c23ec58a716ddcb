"""Redirects in the admin: staff see every redirect, where it leads and where it came from, add one for a
retired address (to an item or to an address), change or delete it. Saving goes through
`services.redirect_record`, which collapses chains."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from iwgtip_site.publishing import publishable_models

from .models import Redirect, RedirectOrigin
from .services import redirect_record


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "destination", "origin_label")
    list_filter = ("origin",)
    search_fields = ("old_path", "target_url")
    fieldsets = (
        (None, {"fields": ("old_path",)}),
        (
            _("Where it leads: an address, or an item of the site"),
            {
                "fields": ("target_url", "target_type", "target_id"),
                "description": _(
                    "An item's redirect follows the item: it leads to the item's address of the day, in the "
                    "language of the old address. Give an address, or the kind and number of an item (its "
                    "number is at the end of its change page's address in the admin)."
                ),
            },
        ),
        (_("Origin"), {"fields": ("origin_label",)}),
    )
    readonly_fields = ("origin_label",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target_type":
            kinds = [ContentType.objects.get_for_model(model).pk for model in publishable_models()]
            kwargs["queryset"] = ContentType.objects.filter(pk__in=kinds)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("leads to"))
    def destination(self, obj):
        if obj.target_url:
            return obj.target_url
        item = obj.target
        if item is None:
            return _("an item that no longer exists")
        kind = obj.target_type.model_class()._meta.verbose_name
        return format_html("{} “{}” ({})", kind.capitalize(), item, obj.target_variant or _("its page"))

    @admin.display(description=_("origin"), ordering="origin")
    def origin_label(self, obj):
        if obj.pk is None:
            return RedirectOrigin.MANUAL.label
        when = timezone.localtime(obj.created_at).strftime("%Y-%m-%d %H:%M")
        who = obj.created_by.get_username() if obj.created_by else _("the site")
        return _("%(origin)s, %(when)s, by %(who)s") % {"origin": obj.get_origin_display(), "when": when, "who": who}

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change and "old_path" in form.changed_data:
                Redirect.objects.filter(pk=obj.pk).delete()
            saved = redirect_record(
                old_path=obj.old_path,
                target=obj.target if not obj.target_url else None,
                target_url=obj.target_url,
                user=request.user,
            )
        if saved is not None:
            obj.pk = saved.pk
