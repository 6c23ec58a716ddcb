"""Addresses that never break: every old address of an item answers 301 to where the item is now.

Why a model of ours and not `django.contrib.redirects`: Django's redirect is a pair of strings tied to a
`Site` (it needs `django.contrib.sites`, one more table and setting for a site that has one domain), so a
redirect to an item would hold the item's address of the day and break, or chain, the next time it moves.
Ours may target an *item*: its address is read when the redirect is served, in the redirect's language,
so chains never form (A→item, B→item) and a target that is no longer public is no redirect at all. It may
also target an *address* (a retired URL sent to a page elsewhere), and it records where it came from
(made automatically when an address changed, or added by staff, by whom, when).

The package: `models.py` (what is stored), `services.py` (the redirects the write path makes when an
address changes, chains collapsed, addresses taken again freed), `middleware.py` (serving them in place of a
404), `admin.py` (staff add, review and delete them).
"""
