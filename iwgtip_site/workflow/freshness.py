"""Translation freshness: which language may be out of date after an edit.

The rule, field by field, over the item and its rows: when a text that existed in one language is
changed while the same field in the other language, filled, is left as it was, the other language may no
longer say the same thing. Adding a missing translation outdates nothing. Changing the flagged language
(catching up) clears its flag; changing both languages leaves nothing flagged.
"""

from iwgtip_site.i18n import LANGUAGE_CODES

from .changes import _is_translated


def _translated_changes(changes):
    """(change, base field, {language: (old, new)}) for every translated field that changed."""
    for change in changes:
        if change.action != "changed":
            continue
        bases = {name.rsplit("_", 1)[0] for name in change.fields if _is_translated(change.model, name)}
        for base in bases:
            values = {
                code: (change.old.get(f"{base}_{code}") or "", change.new.get(f"{base}_{code}") or "")
                for code in LANGUAGE_CODES
            }
            yield change, base, values


def outdated_after(changes, flagged):
    """The language that may be out of date after `changes` (from changes.snapshot_changes), given the one
    flagged before (`flagged`, "" if none); "" when none is."""
    stale, touched = set(), set()
    for _change, _base, values in _translated_changes(changes):
        for code, (old, new) in values.items():
            if old == new:
                continue
            touched.add(code)
            if not old:
                continue  # a translation added, not a text changed
            for other, (other_old, other_new) in values.items():
                if other != code and other_old and other_old == other_new:
                    stale.add(other)
    if flagged and flagged in touched:
        return ""  # catching up: the flagged language was brought in line, nothing else is flagged
    stale -= touched
    if len(stale) == 1:
        return stale.pop()
    return flagged
