"""Each staff member's preferences: the language of the e-mails the site sends them (review notifications).

It follows the language they use the admin in (`AdminLanguageMiddleware`), unless they chose one on their
preferences page (/<language>/admin/preferences/, linked from the admin's user links)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from iwgtip_site.workflow.models import StaffPreferences

SESSION_KEY = "iwgtip-admin-language"


def record_language(request, user, language):
    """Remember `language` as the staff member's e-mail language, unless they chose one (once per change, kept
    in the session, so a page view writes nothing)."""
    if not user.is_staff or not hasattr(request, "session") or request.session.get(SESSION_KEY) == language:
        return
    preferences, _created = StaffPreferences.objects.get_or_create(user=user, defaults={"language": language})
    if not preferences.language_chosen and preferences.language != language:
        preferences.language = language
        preferences.save(update_fields=["language"])
    request.session[SESSION_KEY] = language


@receiver(user_logged_in, dispatch_uid="iwgtip-staff-language")
def _on_login(sender, request, user, **kwargs):
    if request is not None:
        record_language(request, user, translation.get_language() or settings.LANGUAGE_CODE)


class AdminLanguageMiddleware:
    """Follows staff who switch the admin's language (their choice, if they made one, stays)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is not None and "admin" in match.namespaces and user is not None and user.is_authenticated:
            record_language(request, user, translation.get_language())
        return response


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = StaffPreferences
        fields = ("language",)


@staff_member_required
def preferences_view(request):
    preferences, _created = StaffPreferences.objects.get_or_create(
        user=request.user, defaults={"language": translation.get_language()}
    )
    form = PreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        chosen = form.save(commit=False)
        chosen.language_chosen = True
        chosen.save()
        messages.success(request, _("Your preferences were saved."))
        return HttpResponseRedirect(reverse("admin_preferences"))
    context = {**admin.site.each_context(request), "title": _("Your preferences"), "form": form}
    return TemplateResponse(request, "admin/iwgtip/preferences.html", context)
