"""Write the search index again from the stored content (iwgtip_site.search_index).

The write path keeps the index current; run this after loading content in bulk (bench/fill.py, a restore
of the database from a dump made without the index) or after changing the fields a content source
searches. Nothing to do on SQLite, which searches without the index."""

from django.core.management.base import BaseCommand

from iwgtip_site.search_index import enabled, rebuild


class Command(BaseCommand):
    help = "Write the site search index again from the stored content (PostgreSQL)."

    def handle(self, *args, **options):
        if not enabled():
            self.stdout.write("SQLite searches without an index: nothing to do.")
            return
        count = rebuild(stdout=self.stdout)
        self.stdout.write(f"Indexed {count} items.")
