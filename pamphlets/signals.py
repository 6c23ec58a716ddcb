"""The one file clean-up django-cleanup cannot do: a pamphlet's generated ZIPs are no model field's
value, so they are deleted here when the pamphlet is, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete

from . import archive
from .models import Pamphlet


def _discard_zips(sender, instance, using, **kwargs):
    pamphlet_id = instance.pk
    transaction.on_commit(lambda: archive.pamphlet_zip_discard(pamphlet_id=pamphlet_id), using=using)


def connect():
    post_delete.connect(_discard_zips, sender=Pamphlet, dispatch_uid="pamphlets-discard-zips")
