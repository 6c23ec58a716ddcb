"""The admin every content type shares: publishing, the editorial workflow, revisions, translation status.

Each app's admin is `class XAdmin(PublishableAdmin, TranslationAdmin)` (`base.py`); everything then applies
to it with no further code: roles (editors write drafts, publishers publish), the bilingual publish gate,
stale-translation flags, refused conflicting edits, history with comparison and restore (`history.py`),
recovery of deleted items, side-by-side preview in both languages, the list filters (`filters.py`) and
the audit log (`auditlog.py`). The rules themselves live in `iwgtip_site.workflow`; this package only
connects them to the admin.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("IWGTIP content management")
admin.site.site_title = _("IWGTIP content management")
admin.site.index_title = _("Site content")

# The site-wide screens: the audit log, readers' page feedback and the redirects.
from iwgtip_site.feedback import admin as feedback_admin  # noqa: E402, F401
from iwgtip_site.redirects import admin as redirects_admin  # noqa: E402, F401

from . import auditlog, preferences  # noqa: E402, F401
