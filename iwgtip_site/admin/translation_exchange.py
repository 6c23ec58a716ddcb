"""The translators' round trip in the admin (iwgtip_site/translation_exchange.py does the work).

- "Export for translation (XLIFF)", an action on every content type's list: the selected items, with
  their rows, as one XLIFF 1.2 file from English into French.
- "Import a translation" (/<language>/admin/translations/import/): upload the file the translator returned;
  the screen reports every unit (ready, unchanged, source changed since export, unknown id, wrong language,
  markup refused).
  Nothing is written until the editor applies it; if some units cannot be applied, the editor must confirm
  that the ready ones are applied without them. Applying writes through the workflow: the working copy of a
  published item, the draft otherwise.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import translation_exchange as exchange

UPLOAD_SECONDS = 3600  # how long a checked file waits for the editor to apply it (in the shared cache)

OUTCOME_LABELS = {
    exchange.Outcome.READY: gettext_lazy("Ready"),
    exchange.Outcome.UNCHANGED: gettext_lazy("Unchanged"),
    exchange.Outcome.SOURCE_CHANGED: gettext_lazy("Source changed since export: not applied"),
    exchange.Outcome.UNKNOWN: gettext_lazy("Unknown id: not applied"),
    exchange.Outcome.WRONG_LANGUAGE: gettext_lazy("Wrong language: not applied"),
    exchange.Outcome.MARKUP: gettext_lazy("Markup refused: not applied"),
}


class TranslationExchangeAdminMixin:
    """Adds "Export for translation (XLIFF)" to a content type's list."""

    @admin.action(description=gettext_lazy("Export for translation (XLIFF)"))
    def export_for_translation(self, request, queryset):
        response = HttpResponse(exchange.export(queryset), content_type="application/x-xliff+xml")
        name = f"iwgtip-{queryset.model._meta.model_name}-en-fr-{timezone.now():%Y%m%d-%H%M}.xlf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLIFF file"),
        help_text=gettext_lazy("The file the translator returned (.xlf or .xliff, XLIFF 1.2, UTF-8)."),
    )


def _key(request, token):
    return f"xliff-import:{request.user.pk}:{token}"


def _rows(report):
    return [
        {
            "id": unit.id,
            "item": str(unit.obj) if unit.obj is not None else "",
            "field": unit.obj._meta.get_field(unit.field).verbose_name if unit.obj is not None else "",
            "outcome": unit.outcome,
            "label": OUTCOME_LABELS[unit.outcome],
            "message": unit.message,
        }
        for unit in report.units
    ]


def import_view(request):
    """Upload, check, then apply (see the module's docstring). Served through the admin site's `admin_view`:
    staff with a verified second factor only."""
    context = {**admin.site.each_context(request), "title": _("Import a translation")}
    if request.method == "POST" and "token" in request.POST:
        return _apply(request, context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(settings.XLIFF_MAX_UPLOAD_BYTES + 1)
        try:
            report = exchange.read(data)
        except exchange.RefusedFile as refused:
            form.add_error("file", str(refused))
        else:
            token = secrets.token_urlsafe(16)
            cache.set(_key(request, token), data, UPLOAD_SECONDS)
            context.update(report=report, rows=_rows(report), token=token, ready=len(report.ready()))
            context["problems"] = len(report.problems())
    context["form"] = form
    return TemplateResponse(request, "admin/iwgtip/translation_import.html", context)


def _apply(request, context):
    data = cache.get(_key(request, request.POST["token"]))
    if data is None:
        messages.error(request, _("The checked file is no longer kept: upload it again."))
        return HttpResponseRedirect(reverse("admin_translation_import"))
    report = exchange.read(data)  # again: the site may have changed since the check
    if report.problems() and request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _("Some units cannot be applied: tick the box to apply the others without them, or fix the file."),
        )
        context.update(report=report, rows=_rows(report), token=request.POST["token"], ready=len(report.ready()))
        context.update(problems=len(report.problems()), form=UploadForm())
        return TemplateResponse(request, "admin/iwgtip/translation_import.html", context)
    try:
        changed = exchange.apply(report, user=request.user)
    except (PermissionDenied, ValidationError) as error:  # a right missing, the bilingual gate...
        messages.error(request, _("Nothing was applied: %(reason)s") % {"reason": " ".join(_messages(error))})
        return HttpResponseRedirect(reverse("admin_translation_import"))
    cache.delete(_key(request, request.POST["token"]))
    messages.success(
        request,
        ngettext(
            "The translation was applied to %(count)d item (as its working copy if it is published).",
            "The translation was applied to %(count)d items (as their working copies if they are published).",
            len(changed),
        )
        % {"count": len(changed)},
    )
    return HttpResponseRedirect(reverse("admin_translation_import"))


def _messages(error):
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [str(error)]
