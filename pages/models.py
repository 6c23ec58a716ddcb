from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Left, Length
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from iwgtip_site.caching import per_version
from iwgtip_site.fields import validate_lowercase_slug
from iwgtip_site.i18n import (
    LANGUAGE_CODES,
    address_leads_to,
    best_language,
    in_any_language,
    language_name,
    localized,
)
from iwgtip_site.publishing import Publishable, PublishableQuerySet
from iwgtip_site.richtext import RichTextField


def ancestor_paths(path):
    """The addresses of the ancestors of the page at `path` (the home page's is ""), root first: its
    prefixes, one per level ("a/b/c/" has "", "a/" and "a/b/")."""
    if not path:
        return []
    parts = path.split("/")[:-2]
    return [""] + ["".join(f"{part}/" for part in parts[: index + 1]) for index in range(len(parts))]


HIDDEN_SECTIONS_KEPT = 50  # hidden sections listed in the public rule; past this, it compares in SQL


def _hidden_section_rows(language):
    """Pages with an address in `language` and children, that are not live: what hides their subtree."""
    pages = Page._default_manager
    path = f"url_path_{language}"
    return pages.exclude(pk__in=pages.live().values("pk")).filter(
        pk__in=pages.values("parent"), **{f"{path}__isnull": False}
    )


def pages_with_children():
    """The numbers of the pages that have sub-pages (of any status), kept per content version: a page not
    among them has none to list, and its view does not ask the database."""
    pages = Page._default_manager.filter(parent__isnull=False).order_by()
    return per_version("pages-with-children", lambda: frozenset(pages.values_list("parent", flat=True).distinct()))


def _hidden_sections(language, limit):
    """[(address, depth)] of the hidden sections in `language`, or None if there are more than `limit`."""
    rows = list(_hidden_section_rows(language).order_by("pk").values_list(f"url_path_{language}", "depth")[: limit + 1])
    return None if len(rows) > limit else rows


class PageQuerySet(PublishableQuerySet):
    def in_language(self, language=None):
        """Pages that have a version in `language` (the current one): an address in it."""
        language = language or translation.get_language()
        return self.filter(**{f"url_path_{language}__isnull": False})

    def public(self, language=None, *, ancestors_public=False):
        """The pages a reader can open in `language`: live, with a version in it, and under public pages only
        (a page under an unpublished section is not public). A page's ancestors are the pages whose address
        is a prefix of its own (a page has an address in a language only if its parent has one), so it is
        public when none of them is hidden.

        The hidden sections (pages with children that are not live), usually none or few, are kept per
        content version (iwgtip_site.caching.per_version: until the next change or scheduled moment), so
        the rule compares each page with their addresses only, a condition on the page's own row, whatever
        the tree's size. Past HIDDEN_SECTIONS_KEPT of them, the comparison is made in SQL instead.

        `ancestors_public`: the caller knows these pages' ancestors are public (the children of a public page,
        the ancestors of one), so the comparison is left out: the rest of the rule decides."""
        language = language or translation.get_language()
        pages = self.live().in_language(language)
        if ancestors_public:
            return pages
        path = f"url_path_{language}"
        hidden = per_version(f"hidden-sections:{language}", lambda: _hidden_sections(language, HIDDEN_SECTIONS_KEPT))
        if hidden is None:  # too many to list: compare in SQL
            hidden_ancestors = _hidden_section_rows(language).alias(prefix=Left(OuterRef(path), Length(path)))
            return pages.exclude(Exists(hidden_ancestors.filter(prefix=F(path), depth__lt=OuterRef("depth"))))
        for section_path, depth in hidden:
            pages = pages.exclude(**{f"{path}__startswith": section_path, "depth__gt": depth})
        return pages


class Page(Publishable):
    """A content page. Pages form a tree whose root is the home page.

    A page's address is the path of slugs from the root, in each language:
    /en/canadian-initiatives/working-group/ and /fr/initiatives-canadiennes/groupe-de-travail/.
    That path is stored (`url_path`, per language) so a page is found, and linked to, without walking
    the tree; `pages.tree` keeps it right for the page and, when it moves, for its descendants. A page
    has a version in a language when it has a title and a slug in it (the home page needs no slug),
    and so do all its ancestors.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The page this one sits under. Only the home page has none."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Position among its sibling pages; lower numbers come first.")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        validators=[validate_lowercase_slug],
        help_text=_(
            "The last part of the page's address: lowercase letters, digits and hyphens. "
            "Leave empty only for the home page."
        ),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in lists."),
    )
    body = RichTextField(_("body"), blank=True)
    meta_description = models.CharField(
        _("meta description"),
        max_length=300,
        blank=True,
        help_text=_("What search engines show under the title. The summary is used when this is empty."),
    )
    show_in_menu = models.BooleanField(
        _("show in menu"), default=True, help_text=_("Top-level pages with this ticked appear in the main menu.")
    )
    url_path = models.CharField(_("address"), max_length=1000, null=True, blank=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    objects = PageQuerySet.as_manager()

    # What a version in a language needs (the home page needs no slug: see translation_exemptions).
    required_translations = ("title", "slug")
    # Derived from the tree, never restored from history: a restored slug re-addresses the sub-pages.
    history_exclude = ("url_path", "url_path_en", "url_path_fr", "depth")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["sort_order", "pk"]
        # A page's address is unique in each language: this is what keeps two sibling pages from
        # sharing a slug, and the tree from having two roots.
        constraints = [
            models.UniqueConstraint(fields=[f"url_path_{code}"], name=f"pages_page_unique_url_path_{code}")
            for code in LANGUAGE_CODES
        ]
        # A section's subpages in their order, a page of them at a time, however many there are.
        indexes = [models.Index(fields=["parent", "sort_order", "id"], name="pages_page_children_order")]

    def __str__(self):
        return in_any_language(self, "title")

    def get_absolute_url(self):
        """The page in the current language or, if it has no version in it, in the other one."""
        language = best_language(self)
        with translation.override(language):
            path = localized(self, "url_path", language) or ""
            if not path:
                return reverse("pages:home")
            return reverse("pages:page_detail", kwargs={"url_path": path})

    def has_translation(self, language):
        return localized(self, "url_path", language) is not None

    def translation_exemptions(self):
        """The home page needs no slug; every other page needs a title and a slug."""
        return ("slug",) if self.parent_id is None else ()

    @property
    def is_root(self):
        return self.parent_id is None

    def ancestor_paths(self, language=None):
        """The addresses of this page's ancestors, root first (prefixes of its own address)."""
        return ancestor_paths(localized(self, "url_path", language or translation.get_language()))

    def computed_url_paths(self):
        """The address this page should have in each language, from its parent's and its slugs."""
        paths = {}
        for code in LANGUAGE_CODES:
            if not localized(self, "title", code):
                paths[code] = None
            elif self.parent is None:
                paths[code] = ""
            else:
                slug = localized(self, "slug", code)
                parent_path = localized(self.parent, "url_path", code)
                paths[code] = None if not slug or parent_path is None else f"{parent_path}{slug}/"
        return paths

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id is None:
            if Page.objects.filter(parent__isnull=True).exclude(pk=self.pk).exists():
                errors["parent"] = _("Choose a parent page: only the home page has none.")
        elif self.pk and self._is_ancestor_of(self.parent):
            errors["parent"] = _("A page cannot be placed under itself or under one of its own sub-pages.")
        if not errors:
            errors.update(self._slug_errors())
        if errors:
            raise ValidationError(errors)

    def _is_ancestor_of(self, page):
        seen = set()
        while page is not None and page.pk not in seen:
            if page.pk == self.pk:
                return True
            seen.add(page.pk)
            page = page.parent
        return False

    def _slug_errors(self):
        errors = {}
        paths = self.computed_url_paths()
        for code in LANGUAGE_CODES:
            field = f"slug_{code}"
            language = language_name(code)
            if paths[code] is not None:
                if Page.objects.filter(**{f"url_path_{code}": paths[code]}).exclude(pk=self.pk).exists():
                    errors[field] = _("Another page under the same parent already uses this slug in %(language)s.") % {
                        "language": language
                    }
                elif paths[code] and not address_leads_to(code, f"/{code}/{paths[code]}", "pages:page_detail"):
                    errors[field] = _(
                        "This address is taken by another part of the site in %(language)s; choose another slug."
                    ) % {"language": language}
        return errors

    def schema_org(self, absolute):
        """The page as a schema.org WebPage (iwgtip_site.structured_data), in the current language."""
        data = {
            "@type": "WebPage",
            "name": self.title,
            "url": absolute(self.get_absolute_url()),
            "inLanguage": translation.get_language(),
            "description": self.meta_description or self.summary or None,
            "dateModified": self.updated_at.date().isoformat() if self.updated_at else None,
        }
        return {key: value for key, value in data.items() if value}

    def redirect_addresses(self):
        """Its addresses and its sub-pages', at every depth (iwgtip_site.redirects): a page moved or renamed
        moves them all. One query: the pages whose address starts with its own."""
        from iwgtip_site.redirects.services import item_addresses

        under = models.Q(pk__in=[])
        for code in LANGUAGE_CODES:
            if path := localized(self, "url_path", code):
                under |= models.Q(**{f"url_path_{code}__startswith": path})
        descendants = Page._default_manager.filter(under).exclude(pk=self.pk).light() if self.pk else []
        return [address for page in [self, *descendants] for address in item_addresses(page)]

    def refresh_derived(self):
        """Its address, and its sub-pages' when it moved (pages.tree)."""
        from .tree import page_addresses_update

        page_addresses_update(self)
