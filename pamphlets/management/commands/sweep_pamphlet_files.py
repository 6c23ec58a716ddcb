"""Delete pamphlet files that no record refers to any more.

An upload writes its file before the database change is committed; if that change is rolled back
(a database failure, say), the new file is left behind. So are the ZIPs of a
pamphlet deleted while its ZIP was being built. This command finds such files, older than an hour so
it never touches an upload in progress, and deletes them. Safe to run at any time, for example daily.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from pamphlets.services import pamphlet_files_sweep


class Command(BaseCommand):
    help = "Delete pamphlet PDF and ZIP files that no edition or pamphlet refers to (older than --hours)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=1, help="Leave files younger than this alone (1).")
        parser.add_argument("--dry-run", action="store_true", help="List the files, delete nothing.")

    def handle(self, *args, hours=1, dry_run=False, **options):
        orphans = pamphlet_files_sweep(older_than=timedelta(hours=hours), dry_run=dry_run)
        for name in orphans:
            self.stdout.write(f"  {name}")
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"{len(orphans)} orphaned file(s) {verb}."))
