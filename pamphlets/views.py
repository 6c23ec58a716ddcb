import logging
import unicodedata
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from iwgtip_site.csv_export import csv_response
from iwgtip_site.downloads import StoredFile, serve
from iwgtip_site.i18n import localized
from iwgtip_site.navigation import Crumb
from iwgtip_site.pagination import ForgivingPaginationMixin
from iwgtip_site.preview import PreviewMixin
from iwgtip_site.publishing import latest_change

from . import archive, services
from .models import Edition, Pamphlet

# Browsers and shared caches may keep a copy but must check it with the site before each use (a 304 while the
# ETag matches): an edition replaced or withdrawn is never served from a cache afterwards.
PUBLIC_CACHE = "public, no-cache"

logger = logging.getLogger(__name__)


def _reading_order(editions):
    """Editions in the alphabetical order of their language's name in the reader's language."""
    language = translation.get_language()

    def key(edition):
        name = localized(edition.language, "name", language) or edition.language.code
        return unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore")

    return sorted(editions, key=key)


class PamphletListView(ForgivingPaginationMixin, ListView):
    """The pamphlets that exist in the reader's language, each with how many languages it has."""

    template_name = "pamphlets/pamphlet_list.html"
    context_object_name = "pamphlets"
    paginate_by = 20

    def get_queryset(self):
        public_editions = (
            Edition.objects.public()
            .filter(pamphlet=OuterRef("pk"))
            .order_by()
            .values("pamphlet")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Pamphlet.objects.public().annotate(language_count=Subquery(public_editions))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = []
        context["date_modified"] = latest_change(context["pamphlets"])
        context["csv_url"] = reverse("pamphlets:edition_list_csv")
        return context


def edition_list_csv(request):
    """Every public language edition of the pamphlets public in the reader's language, as CSV."""
    editions = Edition.objects.public().select_related("pamphlet", "language").order_by("pamphlet", "language__code")
    columns = [
        (_("Pamphlet"), lambda edition: edition.pamphlet.title),
        (_("Language tag"), lambda edition: edition.language.code),
        (_("Language"), lambda edition: edition.language.name),
        (_("Name in the language itself"), lambda edition: edition.language.endonym),
        (_("Writing direction"), lambda edition: edition.language.get_direction_display()),
        (_("Size in bytes"), lambda edition: edition.size),
        (_("Pages"), lambda edition: edition.page_count),
        (_("SHA-256 checksum"), lambda edition: edition.sha256),
        (_("Date modified"), lambda edition: edition.updated_at.date()),
        (_("Download address"), lambda edition: request.build_absolute_uri(edition.get_absolute_url())),
    ]
    filename = _("pamphlet-editions-%(language)s.csv") % {"language": translation.get_language()}
    return csv_response(filename, columns, editions)


class PamphletDetailView(PreviewMixin, DetailView):
    """A pamphlet: every language it is issued in, by the language's own name, with each file's
    format, size, pages and checksum, the ZIP of all languages, then the text of the pamphlet."""

    model = Pamphlet
    context_object_name = "pamphlet"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pamphlet = self.object
        editions = pamphlet.editions.visible_to(self.request.user).select_related("language")
        editions = _reading_order(editions)
        live_editions = [edition for edition in editions if edition.is_live()]
        context["editions"] = editions
        context["sample_count"] = sum(edition.is_sample for edition in editions)
        if pamphlet.is_live() and live_editions:
            # Described, not built: the first download builds it (pamphlet_zip), not every page view.
            context["archive"] = {
                "file_count": len(live_editions),
                "entry_count": len(live_editions) + len(archive.EXTRA_ENTRIES),
                "size": archive.zip_size(pamphlet=pamphlet, editions=live_editions),
                # Its files are named in the site's default language (one ZIP for both): said so to readers.
                "example": format_html(
                    '<code lang="{}">{}</code>', settings.LANGUAGE_CODE, archive.zip_entry_name(live_editions[0])
                ),
            }
        context["breadcrumbs"] = [Crumb(_("Pamphlets"), _list_url())]
        context["alternative_format_url"] = alternative_format_url(self.request, pamphlet)
        context["distributors"] = pamphlet.distributors.public().light()
        context["date_modified"] = latest_change([pamphlet, *editions])
        return context


def _list_url():
    return reverse("pamphlets:pamphlet_list")


def alternative_format_url(request, pamphlet):
    """Where a reader asks for the pamphlet in another format (large print, braille, audio...): an e-mail to
    ALTERNATIVE_FORMAT_EMAIL when it is set, else the site's feedback form about this page (its inbox)."""
    title = str(pamphlet)
    if settings.ALTERNATIVE_FORMAT_EMAIL:
        subject = _("Alternative format: %(title)s") % {"title": title}
        return f"mailto:{settings.ALTERNATIVE_FORMAT_EMAIL}?{urlencode({'subject': subject}, quote_via=quote)}"
    return f"{reverse('feedback')}?{urlencode({'page': request.path, 'title': title, 'answer': 'no'})}"


def _edition(request, slug, code):
    """The edition of `code` of the pamphlet at `slug` (in the current language) that `request.user` may see."""
    language = translation.get_language()
    pamphlets = Pamphlet.objects.visible_to(request.user).filter(**{f"slug_{language}": slug})
    editions = Edition.objects.visible_to(request.user)
    return (
        editions.select_related("pamphlet", "language")
        .filter(pamphlet__in=pamphlets, language__code__iexact=code)
        .first()
    )


class _TextPage:
    """An edition's text page, as the language toggle and the canonical links see it."""

    def __init__(self, edition):
        self.edition = edition

    def has_translation(self, language):
        return self.edition.has_translation(language)

    def get_absolute_url(self):
        return self.edition.html_url()


class EditionTextView(PreviewMixin, DetailView):
    """One edition's text as a web page, the accessible version of its PDF: in the edition's language and
    writing direction, at a stable address beside the file's (/en/pamphlets/<slug>/<language tag>/)."""

    model = Edition
    context_object_name = "edition"
    template_name = "pamphlets/edition_text.html"

    def get(self, request, *args, **kwargs):
        edition = _edition(request, kwargs["slug"], kwargs["code"])
        if edition is None or not edition.text:
            raise Http404
        if edition.language.code != kwargs["code"]:  # one spelling of the address, as for the file
            return redirect(edition.html_url(), permanent=True)
        self.object = edition
        return self.render_to_response(self.get_context_data(object=edition))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pamphlet = self.object.pamphlet
        context["object"] = _TextPage(self.object)  # the language toggle leads to this page, not to the file
        context["is_preview"] = not (self.object.is_live() and pamphlet.is_live())
        context["pamphlet"] = pamphlet
        context["breadcrumbs"] = [
            Crumb(_("Pamphlets"), _list_url()),
            Crumb(pamphlet.title, pamphlet.get_absolute_url()),
        ]
        context["date_modified"] = self.object.updated_at
        return context


edition_text = require_safe(EditionTextView.as_view())


@require_safe
def edition_download(request, slug, code):
    """One language's PDF at a stable address: /en/pamphlets/<slug>/<language tag>.pdf.

    Public for a live edition of a live pamphlet; staff who may edit pamphlets also get the others
    (never cached, never counted). Inline by default; `?download=1` asks the browser to save it."""
    edition = _edition(request, slug, code)
    if edition is None or not edition.file:
        raise Http404
    if edition.language.code != code:  # language tags are case-insensitive; the address has one spelling
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(f"{edition.get_absolute_url()}{query}", permanent=True)
    public = edition.is_live() and edition.pamphlet.is_live()
    stored = StoredFile(
        storage=edition.file.storage,
        name=edition.file.name,
        size=edition.size,
        content_type="application/pdf",
        download_name=edition.download_name,
        etag=f'"{edition.sha256}"',
        last_modified=edition.uploaded_at,
        attachment=request.GET.get("download") == "1",
        cache_control=PUBLIC_CACHE if public else "private, no-cache, no-store, must-revalidate, max-age=0",
    )
    count = (lambda: services.download_record(pamphlet=edition.pamphlet, edition=edition)) if public else None
    return serve(request, stored, on_counted_download=count)


def _unavailable(message):
    return HttpResponse(message, status=503, headers={"Retry-After": "30", "Content-Type": "text/plain; charset=utf-8"})


@require_safe
def pamphlet_zip(request, slug):
    """Every live language of a live pamphlet in one ZIP, with a manifest; built once per change."""
    language = translation.get_language()
    pamphlet = Pamphlet.objects.public().filter(**{f"slug_{language}": slug}).first()
    if pamphlet is None:
        raise Http404
    editions = list(pamphlet.editions.public().select_related("language"))
    if not editions:
        raise Http404
    try:
        built = archive.pamphlet_zip(pamphlet=pamphlet, editions=editions)
    except OSError:
        logger.exception("Could not build or read the ZIP of pamphlet %s", pamphlet.pk)
        return _unavailable(_("The file with every language is not available right now. Please try again later."))
    if built is None:  # another server is still building it
        return _unavailable(_("The file with every language is being prepared. Please try again in a minute."))
    stored = StoredFile(
        storage=default_storage,
        name=built.name,
        size=built.size,
        content_type="application/zip",
        download_name=f"{localized(pamphlet, 'slug', language)}-{_('all-languages')}.zip",
        etag=f'"{built.key}"',
        last_modified=latest_change([pamphlet, *editions]),
        attachment=True,
        cache_control=PUBLIC_CACHE,
    )
    return serve(request, stored, on_counted_download=lambda: services.download_record(pamphlet=pamphlet))
