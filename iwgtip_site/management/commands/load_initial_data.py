"""Build the site's initial content from the text it was commissioned from, in English and French.

The content is data: each app's `seed/content.toml` (pages, legislation, partners, the pamphlet with
its committed sample PDFs), read by one loader, `iwgtip_site.seed`, which writes through the workflow
services. Running the command again adds what is missing and leaves existing content, and staff
edits, alone; `--reset` deletes the seeded content first and starts over; `--dry-run` shows what would
be done and keeps nothing.
"""

import secrets
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from iwgtip_site import seed

DEV_ADMIN_USERNAME = "admin"


@contextmanager
def files_kept_in_memory(*, enabled):
    """A dry run rolls the database back; files it would store (sample PDFs) go to memory, not to
    MEDIA_ROOT, so nothing is left behind."""
    if not enabled:
        yield
        return
    default_storage._setup()
    stored = default_storage._wrapped
    default_storage._wrapped = InMemoryStorage()
    try:
        yield
    finally:
        default_storage._wrapped = stored


class Command(BaseCommand):
    help = "Load the initial bilingual content (pages, legislation, partners, pamphlets) from each app's seed data."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete the content first and load it again.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be done, change nothing.")

    def handle(self, *args, reset=False, dry_run=False, **options):
        with files_kept_in_memory(enabled=dry_run), transaction.atomic():
            try:
                seed.load(log=self.log, reset=reset)
            except seed.SeedError as error:
                raise CommandError(str(error)) from error
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        if getattr(settings, "IWGTIP_CREATE_DEV_ADMIN", False) and not dry_run:
            self.create_dev_admin()
        self.stdout.write(self.style.SUCCESS("Initial data loaded."))

    def log(self, message):
        self.stdout.write(f"  {message}")

    def create_dev_admin(self):
        """A local superuser with a new random password on every run, printed for the developer."""
        user, _created = get_user_model().objects.get_or_create(
            username=DEV_ADMIN_USERNAME, defaults={"email": "admin@example.invalid"}
        )
        password = secrets.token_urlsafe(12)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Admin login (development only): {DEV_ADMIN_USERNAME} / {password}")
            + "  at http://127.0.0.1:8000/en/admin/"
        )
