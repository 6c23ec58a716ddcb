"""The multilingual anti-trafficking pamphlet: the languages it is issued in, the pamphlet itself,
one PDF edition per language, and how many times each was downloaded.

Pamphlet languages are data (Arabic, Chinese, Spanish...), managed by staff; they are not the site's
two official languages. The derived facts of an edition's file (size, pages, SHA-256, upload time, whether
it is tagged, its document language and whether it is one of the generated samples) are set in one place,
`services.edition_store_file`, which the admin, the seed and the tests all use.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from iwgtip_site.fields import validate_lowercase_slug
from iwgtip_site.files import UploadTo
from iwgtip_site.i18n import LANGUAGE_CODES, in_any_language, localized, missing_required, reverse_by_slug
from iwgtip_site.publishing import Publishable, PublishableQuerySet
from iwgtip_site.richtext import RichTextField

from .pdf import accessibility_warnings

# A well-formed BCP 47 tag in its canonical case (RFC 5646 section 2.1.1): language (2-3 letters,
# lowercase), optional script (4 letters, Titlecase), optional region (2 letters uppercase or 3 digits),
# optional variants. Canonical case matters here: the tag is part of the download address.
BCP47_TAG = RegexValidator(
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$",
    message=_(
        "Enter a BCP 47 language tag in its usual case, for example ar, fa, zh-Hans or pt-BR: "
        "the language in lowercase, then an optional script (Hans) and region (BR)."
    ),
    code="invalid_language_tag",
)


class TextDirection(models.TextChoices):
    LTR = "ltr", _("Left to right")
    RTL = "rtl", _("Right to left")


class Language(models.Model):
    """A language the pamphlet is issued in (data managed by staff, not one of the site's languages)."""

    code = models.CharField(
        _("language tag"),
        max_length=35,
        unique=True,
        validators=[BCP47_TAG],
        help_text=_(
            "The BCP 47 tag, for example ar, zh-Hans or pt-BR. It is part of each file's download "
            "address: changing it changes the address."
        ),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The language's name in English and in French (Arabic, arabe).")
    )
    endonym = models.CharField(
        _("name in the language itself"),
        max_length=100,
        help_text=_(
            "How speakers write the language's name, in its own script (العربية, 简体中文, español), "
            "as in the Unicode CLDR. Readers find their language by this name."
        ),
    )
    direction = models.CharField(
        _("writing direction"),
        max_length=3,
        choices=TextDirection.choices,
        default=TextDirection.LTR,
        help_text=_("Right to left for Arabic, Persian, Hebrew, Urdu..."),
    )

    required_translations = ("name",)

    class Meta:
        verbose_name = _("pamphlet language")
        verbose_name_plural = _("pamphlet languages")
        ordering = ["code"]

    def __str__(self):
        return f"{in_any_language(self, 'name')} ({self.code})"


class Pamphlet(Publishable):
    """A pamphlet issued in several languages. Its text, in rich text, is the HTML alternate format
    of the PDF editions: the accessible equivalent of the printed pamphlet."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        validators=[validate_lowercase_slug],
        help_text=_("The last part of the pamphlet's address: lowercase letters, digits and hyphens."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in the list of pamphlets."),
    )
    body = RichTextField(
        _("text of the pamphlet"),
        blank=True,
        help_text=_(
            "The pamphlet's text as a web page: the accessible alternate format of the PDF files, "
            "for readers who cannot use a PDF."
        ),
    )
    edition_date = models.DateField(
        _("edition date"),
        null=True,
        blank=True,
        help_text=_("The date of this edition of the pamphlet, as printed on it. Leave empty if it has none."),
    )

    required_translations = ("title", "slug")
    # Its language editions are part of it: edited, versioned and published with it.
    item_rows = ("editions",)
    # Kept in the last version when it is deleted, and brought back with it: its download statistics.
    kept_on_delete = ("download_counts",)

    class Meta:
        verbose_name = _("pamphlet")
        verbose_name_plural = _("pamphlets")
        ordering = [F("edition_date").desc(nulls_last=True), "pk"]
        # Slugs are unique in each language; an untranslated slug is NULL, and NULLs never clash.
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"pamphlets_pamphlet_unique_slug_{code}")
            for code in LANGUAGE_CODES
        ]

    def __str__(self):
        return in_any_language(self, "title")

    def get_absolute_url(self):
        return reverse_by_slug(self, "pamphlets:pamphlet_detail")

    # Its addresses beside its page, for redirects (iwgtip_site.redirects): `<variant>_url()`.
    redirect_variants = ("zip",)

    def zip_url(self):
        return reverse_by_slug(self, "pamphlets:pamphlet_zip")

    def redirect_addresses(self):
        """Its page and ZIP, and its editions' files, in each language: a new slug moves them all."""
        from iwgtip_site.redirects.services import item_addresses

        editions = self.editions.select_related("language") if self.pk else []
        return [
            *item_addresses(self, ("", *self.redirect_variants)),
            *(address for edition in editions for address in item_addresses(edition, ("", *edition.redirect_variants))),
        ]


class EditionQuerySet(PublishableQuerySet):
    def public(self, language=None):
        """Live editions of the pamphlets public in `language`: a file is public only with its pamphlet."""
        return self.live().filter(pamphlet__in=Pamphlet._default_manager.public(language))


class Edition(Publishable):
    """One language version of a pamphlet: its PDF file, and the facts about that file.

    An edition is published or withdrawn on its own, so one language can be taken down while the
    others stay. Its download address names the pamphlet and the language, never the file: replacing
    the file keeps the address."""

    pamphlet = models.ForeignKey(
        Pamphlet, verbose_name=_("pamphlet"), on_delete=models.CASCADE, related_name="editions"
    )
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="editions",
        help_text=_("The language the file is written in. Each pamphlet has one file per language."),
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=UploadTo("pamphlets", extension=".pdf"),
        max_length=200,
        help_text=_("The pamphlet in this language, as a PDF file."),
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, editable=False)
    is_tagged = models.BooleanField(
        _("tagged PDF"),
        null=True,
        editable=False,
        help_text=_(
            "Whether the file carries the structure screen readers follow (headings, lists, reading order). "
            "Empty: the file was uploaded before files were checked for it."
        ),
    )
    document_language = models.CharField(
        _("document language of the file"),
        max_length=35,
        blank=True,
        editable=False,
        help_text=_("The language the PDF file says it is written in (its /Lang), which screen readers use."),
    )

    text = RichTextField(
        _("text of this edition"),
        blank=True,
        help_text=_(
            "The pamphlet's text in this edition's language, as a web page: the accessible version of its PDF "
            "file, for readers who cannot use a PDF (shown in the language and writing direction of the edition)."
        ),
    )
    is_sample = models.BooleanField(
        _("sample file"),
        default=False,
        editable=False,
        help_text=_(
            "The file is one of the generated samples the site was set up with, not the real pamphlet. "
            "Uploading the real file clears this."
        ),
    )

    required_translations = ()
    # Written in the edition's own language, not translated with modeltranslation: the translation exchange
    # (iwgtip_site.translation_exchange) carries them from the pamphlet's edition in one site language into
    # its edition in the other (`language_code`, `in_language`).
    own_language_fields = ("text",)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("language edition")
        verbose_name_plural = _("language editions")
        ordering = ["pamphlet_id", "language__code"]
        constraints = [
            models.UniqueConstraint(fields=["pamphlet", "language"], name="pamphlets_edition_unique_language")
        ]

    def __str__(self):
        return f"{self.pamphlet}: {self.language}"

    def get_absolute_url(self):
        """The file's stable download address, in the current language if the pamphlet has it."""
        return reverse_by_slug(self.pamphlet, "pamphlets:edition_download", code=self.language.code)

    @property
    def language_code(self):
        return self.language.code

    def in_language(self, code):
        """The pamphlet's edition in the language tagged `code`, or None."""
        return type(self)._default_manager.filter(pamphlet_id=self.pamphlet_id, language__code=code).first()

    @property
    def redirect_variants(self):
        """Its addresses beside its file's (iwgtip_site.redirects): the web page of its text, when it has one."""
        return ("html",) if self.text else ()

    def html_url(self):
        """The stable address of the edition's text as a web page: /en/pamphlets/<slug>/<language tag>/."""
        return reverse_by_slug(self.pamphlet, "pamphlets:edition_text", code=self.language.code)

    def schema_org(self, absolute):
        """The edition as a schema.org DigitalDocument (iwgtip_site.structured_data): its file, language, format
        and size; its text as a web page, when it has one, as the accessible version (workExample)."""
        data = {
            "@type": "DigitalDocument",
            "name": f"{self.pamphlet.title} ({self.language.endonym})",
            "url": absolute(self.get_absolute_url()),
            "inLanguage": self.language.code,
            "encodingFormat": "application/pdf",
            "contentSize": f"{self.size} B",
            "numberOfPages": self.page_count,
            "sha256": self.sha256,
        }
        if self.text:
            data["workExample"] = {
                "@type": "WebPage",
                "url": absolute(self.html_url()),
                "inLanguage": self.language.code,
                "encodingFormat": "text/html",
            }
        return data

    @classmethod
    def needs_real_file(cls):
        """For the admin home (iwgtip_site.workflow.dashboard): (edition, where to replace it) of every edition
        whose file is still a generated sample."""
        editions = cls._default_manager.filter(is_sample=True).select_related("pamphlet", "language")
        return [(edition, edition.pamphlet) for edition in editions.order_by("pamphlet_id", "language__code")[:100]]

    def has_translation(self, language):
        """An edition has the languages of its pamphlet (its addresses are under the pamphlet's)."""
        return not missing_required(self.pamphlet, language)

    def accessibility_warnings(self, file_name=None):
        """What this edition's file lacks for readers of assistive technology (see pdf.accessibility_warnings)."""
        return accessibility_warnings(
            is_tagged=self.is_tagged,
            document_language=self.document_language,
            language=self.language,
            file_name=file_name or self.download_name,
        )

    @property
    def download_name(self):
        """The file name readers save: <pamphlet slug>-<language tag>.pdf."""
        slug = localized(self.pamphlet, "slug", translation.get_language()) or in_any_language(self.pamphlet, "slug")
        return f"{slug}-{self.language.code}.pdf"


class DownloadCount(models.Model):
    """How many times a file was downloaded on a day: a language edition's PDF, or (with no edition)
    the ZIP of all the pamphlet's languages, which counts once per ZIP download.

    No IP address, user agent, cookie or anything else about the reader is stored: only the count.
    The counting rule (iwgtip_site.downloads.is_counted_download): a GET served from the first byte and of
    at least half the file counts once (a whole download, or the first part of a download in up to two
    pieces); a resumed download (a range starting later), a probe of the first few bytes (Range: bytes=0-0,
    however often it is repeated), a HEAD request, a "not modified" answer (304), an error and a request from
    a known crawler (by its User-Agent, read and discarded) do not count.
    Staff previews of files that are not public do not count either. Counts are added with one atomic
    UPDATE, so simultaneous downloads are never lost (services.download_record)."""

    pamphlet = models.ForeignKey(
        Pamphlet, verbose_name=_("pamphlet"), on_delete=models.CASCADE, related_name="download_counts"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("language edition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="download_counts",
        help_text=_("Empty for downloads of the ZIP file of all languages."),
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "day"], condition=Q(edition__isnull=False), name="pamphlets_download_edition_day"
            ),
            models.UniqueConstraint(
                fields=["pamphlet", "day"], condition=Q(edition__isnull=True), name="pamphlets_download_zip_day"
            ),
        ]

    def __str__(self):
        return f"{self.edition or self.pamphlet} {self.day}: {self.count}"
