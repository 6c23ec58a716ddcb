"""What the organization change form posts, for the admin tests."""

from iwgtip_site.i18n import LANGUAGE_CODES, localized, translated_fields
from iwgtip_site.publishing import Status
from partners.models import Organization

TRANSLATED = translated_fields(Organization)  # what the form shows in each language


def form_data(organization=None, **overrides):
    """The form as an editor would submit it: a new bilingual organization, or `organization` unchanged."""
    if organization is None:
        data = {
            "name_en": "Canadian Centre to End Human Trafficking",
            "name_fr": "Centre canadien pour mettre fin à la traite des personnes",
            "slug_en": "canadian-centre",
            "slug_fr": "centre-canadien",
            "kind": "ngo",
            "working_group_role": "none",
            "status": Status.DRAFT,
        }
    else:
        data = {
            f"{field}_{code}": localized(organization, field, code) or ""
            for field in TRANSLATED
            for code in LANGUAGE_CODES
        }
        data.update(kind=organization.kind, working_group_role=organization.working_group_role)
        data["status"] = organization.status
        data["loaded_version"] = str(organization.edit_version)  # the version the form was loaded from
    for key in ("publish_at_0", "publish_at_1", "unpublish_at_0", "unpublish_at_1"):
        data.setdefault(key, "")
    for field in TRANSLATED:
        for code in LANGUAGE_CODES:
            data.setdefault(f"{field}_{code}", "")
    data.update(overrides)
    return data
