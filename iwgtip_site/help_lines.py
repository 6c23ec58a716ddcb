"""Whom a person in danger can call, shown on the home page and the pamphlet pages (includes/get_help.html).

Public facts, kept here (not in page text) so that every page that shows them says the same, and one edit
changes them all. Sources, checked 2026-12-01:
- The Canadian Human Trafficking Hotline, 1-833-900-1010: confidential, multilingual (more than 200 languages
  through interpretation), 24 hours a day, 7 days a week; run by the Canadian Centre to End Human Trafficking,
  a registered charity, not part of the police or the government. The operator's pages "Who are we?"
  (https://www.canadianhumantraffickinghotline.ca/who-are-we,
  https://canadianhumantraffickinghotline.ca/fr/qui-sommes-nous) and Public Safety Canada's campaign page
  (https://www.canada.ca/en/public-safety-canada/campaigns/human-trafficking/sts.html).
- 911 when someone is in immediate danger: the same Public Safety Canada page ("If someone is in immediate
  danger, call 911").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HelpLine:
    name: str
    number: str  # as people dial and read it
    tel: str  # for the tel: link (RFC 3966)
    hours: str
    operator: str
    operator_url: str  # the operator's page about the hotline: the source shown beside the number


HOTLINE = HelpLine(
    name=_("Canadian Human Trafficking Hotline"),
    number="1-833-900-1010",
    tel="+1-833-900-1010",
    hours=_("24 hours a day, 7 days a week"),
    operator=_("Canadian Centre to End Human Trafficking"),
    operator_url=_("https://www.canadianhumantraffickinghotline.ca/who-are-we"),
)
EMERGENCY_NUMBER = "911"

HELP_LINES = {"hotline": HOTLINE, "emergency": EMERGENCY_NUMBER}
