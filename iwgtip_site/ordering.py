"""Ordering helpers for querysets."""

from django.db.models import Case, Value, When


def in_order_of(field, values):
    """An expression that sorts rows by the position of `field`'s value in `values` (a list, or the
    choices class whose declaration order is the reading order); other values come last."""
    values = getattr(values, "values", values)
    return Case(*(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)), default=Value(99))
