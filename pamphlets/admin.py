from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from iwgtip_site.admin.accessible import NamedColumnsMixin
from iwgtip_site.admin.base import PUBLISHING_FIELDSET, PublicationFieldsMixin, PublishableAdmin, needs_publisher
from iwgtip_site.admin.inlines import LoadedChoicesMixin
from iwgtip_site.files import format_size
from iwgtip_site.workflow.roles import can_publish

from . import services, statistics
from .models import DownloadCount, Edition, Language, Pamphlet
from .pdf import inspect_pdf

CHART_MONTHS = 12


class EditionForm(forms.ModelForm):
    """A language edition in the pamphlet's form. The file is checked by its content here, so a bad
    upload is a form error in the editor's language and the previous file stays in place; saving
    goes through services.edition_store_file, which records the file's facts."""

    class Meta:
        model = Edition
        fields = ("language", "file", "text", "status")
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf,.pdf"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The uploaded file's name is discarded (it is stored under a random one): any length will do.
        self.fields["file"].max_length = None

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            self.pdf_facts = inspect_pdf(uploaded)  # read once: saving records these facts
            self.uploaded_name = uploaded.name
        return uploaded

    def save(self, commit=True):
        edition = super().save(commit=False)
        uploaded = self.cleaned_data.get("file")
        if commit:
            if isinstance(uploaded, UploadedFile):
                services.edition_store_file(edition=edition, uploaded=uploaded, facts=self.pdf_facts)
            else:
                edition.save()
        return edition


class EditionInline(NamedColumnsMixin, LoadedChoicesMixin, PublicationFieldsMixin, admin.TabularInline):
    model = Edition
    form = EditionForm
    extra = 0
    fields = ("language", "file", "text", "status", "publication_state_label", "file_info")
    readonly_fields = ("publication_state_label", "file_info")
    autocomplete_fields = ("language",)
    verbose_name_plural = _("Language editions (one PDF file per language)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pamphlet", "language")  # each row links its file

    @admin.display(description=_("file"))
    def file_info(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        pages = ngettext("%(count)d page", "%(count)d pages", obj.page_count) % {"count": obj.page_count}
        warnings = format_html_join(
            "", '<p class="edition-warning">{}</p>', ((w,) for w in obj.accessibility_warnings())
        )
        return format_html(
            '{} · {}<br><span class="edition-sha256">SHA-256 <code>{}</code></span><br>{} {}<br><a href="{}">{}</a>{}',
            format_size(obj.size),
            pages,
            # In four groups of 16 that may wrap, so the column stays narrow.
            format_html_join(mark_safe("<wbr>"), "{}", ((obj.sha256[i : i + 16],) for i in range(0, 64, 16))),
            _("Uploaded"),
            timezone.localtime(obj.uploaded_at).strftime("%Y-%m-%d %H:%M") if obj.uploaded_at else "—",
            obj.get_absolute_url(),
            _("Open the file"),
            warnings,
        )


@admin.register(Pamphlet)
class PamphletAdmin(PublishableAdmin, TranslationAdmin):
    list_display = ("__str__", "publication_state_label", "edition_count", "edition_date", "updated_at", "view_links")
    list_filter = ("status",)
    search_fields = ("title_en", "title_fr", "slug_en", "slug_fr", "summary_en", "summary_fr")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [EditionInline]
    actions = [*PublishableAdmin.actions, "publish_with_editions"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "edition_date")}),
        (_("Content"), {"fields": ("summary", "body")}),
        PUBLISHING_FIELDSET,
    )
    # The download statistics follow the editions, at the end of the change page.
    change_form_template = "admin/pamphlets/pamphlet/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    @admin.display(description=_("languages"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total

    @admin.action(description=_("Publish selected pamphlets with all their language editions"))
    @needs_publisher
    def publish_with_editions(self, request, queryset):
        try:
            count = services.pamphlet_publish(pamphlets=queryset, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            reasons = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, _("Nothing was published: %(reasons)s") % {"reasons": reasons}, messages.ERROR)
            return
        self.message_user(
            request, ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count}
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for edition_form in formset.forms:  # what a file just uploaded lacks for accessibility (issue 15)
            if getattr(edition_form, "pdf_facts", None) and edition_form.instance.pk:
                for warning in edition_form.instance.accessibility_warnings(file_name=edition_form.uploaded_name):
                    self.message_user(request, warning, messages.WARNING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:  # only when the page is shown, with the pamphlet it already loaded
            context["download_statistics"] = download_statistics(obj)
            context["statistics_url"] = reverse(f"admin:{self._url_name('statistics')}", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Downloads per language per day, week or month over a chosen period (pamphlets/statistics.py).

    def get_urls(self):
        view = self.admin_site.admin_view(self.statistics_view)
        return [path("<path:object_id>/statistics/", view, name=self._url_name("statistics")), *super().get_urls()]

    def statistics_view(self, request, object_id):
        pamphlet = self._object_or_404(request, object_id)
        asked = {name for name in ("start", "end", "group") if name in request.GET}
        if asked:
            form = statistics.StatisticsForm(request.GET)
        else:
            initial = statistics.StatisticsForm.initial_values()
            form = statistics.StatisticsForm(
                {**initial, "start": initial["start"].isoformat(), "end": initial["end"].isoformat()}
            )
        figures = None
        if form.is_valid():
            figures = statistics.download_figures(pamphlet, **form.cleaned_data)
            if request.GET.get("format") == "csv":
                return _csv_response(pamphlet, figures)
        context = self._context(
            request,
            pamphlet,
            _("Downloads of %(item)s") % {"item": pamphlet},
            form=form,
            figures=figures,
            chart=statistics.figures_chart(figures) if figures else None,
            csv_query=urlencode({**{name: form.data.get(name) for name in asked or form.data}, "format": "csv"}),
        )
        return TemplateResponse(request, "admin/pamphlets/pamphlet/statistics.html", context)


def _csv_response(pamphlet, figures):
    name = f"{pamphlet.slug or pamphlet.pk}-downloads-{figures.start.isoformat()}-{figures.end.isoformat()}.csv"
    return HttpResponse(
        statistics.figures_csv(figures).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def download_statistics(pamphlet, today=None):
    """What the pamphlet's change page shows about downloads: totals per language (and for the ZIP),
    and downloads per month over the last twelve months."""
    today = today or timezone.localdate()
    counts = DownloadCount.objects.filter(pamphlet=pamphlet)
    totals = dict(counts.order_by().values_list("edition").annotate(total=Sum("count")))
    editions = pamphlet.editions.select_related("language").order_by("language__code")
    rows = [(edition.language, totals.get(edition.pk, 0)) for edition in editions]
    zip_total = totals.get(None, 0)

    first_month = _add_months(today.replace(day=1), -(CHART_MONTHS - 1))
    per_month = dict(
        counts.filter(day__gte=first_month)
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values_list("month")
        .annotate(total=Sum("count"))
    )
    months = [_add_months(first_month, offset) for offset in range(CHART_MONTHS)]
    series = [(month, per_month.get(month, 0)) for month in months]
    peak = max((total for _month, total in series), default=0) or 1
    bar_width, gap, chart_height = 40, 10, 160
    bars = [
        {
            "month": month,
            "total": total,
            "x": index * (bar_width + gap),
            "height": round(chart_height * total / peak),
            "y": chart_height - round(chart_height * total / peak),
            "label_x": index * (bar_width + gap) + bar_width // 2,
        }
        for index, (month, total) in enumerate(series)
    ]
    return {
        "rows": rows,
        "zip_total": zip_total,
        "grand_total": sum(totals.values()),
        "bars": bars,
        "bar_width": bar_width,
        "chart_width": CHART_MONTHS * (bar_width + gap) - gap,
        "chart_height": chart_height,
        "peak": max((total for _month, total in series), default=0),
    }


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    """The languages pamphlets are issued in: data, not the site's own two languages."""

    list_display = ("code", "name", "endonym_display", "direction", "edition_count")
    search_fields = ("code", "name_en", "name_fr", "endonym")
    list_filter = ("direction",)
    ordering = ("code",)
    fields = ("code", "name", "endonym", "direction")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    def _changes_public_files(self, request, language):
        """A language that live editions use is part of published content (its code is in their
        download addresses, its name on the public page): changing it takes a publisher."""
        return (
            language is not None
            and not can_publish(request.user, Edition)
            and Edition.objects.live().filter(language=language).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._changes_public_files(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._changes_public_files(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # A code in use is part of stable download addresses: it is not changed once editions exist.
        if obj is not None and obj.editions.exists():
            return ("code",)
        return ()

    @admin.display(description=_("name in the language itself"), ordering="endonym")
    def endonym_display(self, obj):
        return format_html('<span lang="{}" dir="{}">{}</span>', obj.code, obj.direction, obj.endonym)

    @admin.display(description=_("language editions"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total
