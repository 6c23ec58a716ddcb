"""List filters every content type's admin list offers: translation status and review dates."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iwgtip_site.i18n import LANGUAGE_CODES, language_name


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [("complete", _("Complete in both languages"))]
        for code in LANGUAGE_CODES:
            name = language_name(code)
            choices.append((f"missing-{code}", _("Missing %(language)s") % {"language": name}))
            choices.append((f"outdated-{code}", _("%(language)s may be out of date") % {"language": name}))
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "complete":
            for code in LANGUAGE_CODES:
                queryset = queryset.in_language(code)
            return queryset
        kind, _sep, code = value.partition("-")
        if code not in LANGUAGE_CODES:
            return queryset
        if kind == "missing":
            return queryset.missing_language(code)
        if kind == "outdated":
            return queryset.filter(outdated_language=code)
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Past its review date")),
            ("soon", _("Due within 30 days")),
            ("none", _("No review date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gte=today, review_by__lte=today + timedelta(days=30))
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset
