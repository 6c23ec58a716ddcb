"""The Government of Canada links every page's footer carries, as the Canada.ca specification sets them.

Texts and addresses are those of the GC Design System's footer (@gcds-core/components 1.3.1,
gcds-footer/i18n/i18n.js), translated through gettext like every interface string: each address's French
msgstr is the French page. The main band ("Government of Canada", then themes and topics) and the sub-footer
(corporate links) are fixed by the specification; only the contextual band above them is this site's own
(includes/footer.html).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    text: str
    url: str


GOVERNMENT = [
    Link(_("All contacts"), _("https://www.canada.ca/en/contact.html")),
    Link(_("Departments and agencies"), _("https://www.canada.ca/en/government/dept.html")),
    Link(_("About government"), _("https://www.canada.ca/en/government/system.html")),
]
THEMES = [
    Link(_("Jobs"), _("https://www.canada.ca/en/services/jobs.html")),
    Link(_("Immigration and citizenship"), _("https://www.canada.ca/en/services/immigration-citizenship.html")),
    Link(_("Travel and tourism"), _("https://travel.gc.ca/")),
    Link(_("Business"), _("https://www.canada.ca/en/services/business.html")),
    Link(_("Benefits"), _("https://www.canada.ca/en/services/benefits.html")),
    Link(_("Health"), _("https://www.canada.ca/en/services/health.html")),
    Link(_("Taxes"), _("https://www.canada.ca/en/services/taxes.html")),
    Link(_("Environment and natural resources"), _("https://www.canada.ca/en/services/environment.html")),
    Link(_("National security and defence"), _("https://www.canada.ca/en/services/defence.html")),
    Link(_("Culture, history and sport"), _("https://www.canada.ca/en/services/culture.html")),
    Link(_("Policing, justice and emergencies"), _("https://www.canada.ca/en/services/policing.html")),
    Link(_("Transport and infrastructure"), _("https://www.canada.ca/en/services/transport.html")),
    Link(_("Canada and the world"), _("https://international.gc.ca/world-monde/index.aspx?lang=eng")),
    Link(_("Money and finances"), _("https://www.canada.ca/en/services/finance.html")),
    Link(_("Science and innovation"), _("https://www.canada.ca/en/services/science.html")),
    Link(_("Indigenous Peoples"), _("https://www.canada.ca/en/services/indigenous-peoples.html")),
    Link(_("Veterans and military"), _("https://www.canada.ca/en/services/veterans.html")),
    Link(_("Youth"), _("https://www.canada.ca/en/services/youth.html")),
    Link(_("Manage life events"), _("https://www.canada.ca/en/services/life-events.html")),
]
CORPORATE = [
    Link(_("Social media"), _("https://www.canada.ca/en/social.html")),
    Link(_("Mobile applications"), _("https://www.canada.ca/en/mobile.html")),
    Link(_("About Canada.ca"), _("https://www.canada.ca/en/government/about.html")),
    Link(_("Terms and conditions"), _("https://www.canada.ca/en/transparency/terms.html")),
    Link(_("Privacy"), _("https://www.canada.ca/en/transparency/privacy.html")),
]


def footer_links():
    """The footer's Government of Canada links, in the current language."""
    return {"government": GOVERNMENT, "themes": THEMES, "corporate": CORPORATE}
