"""E-mail each content type's Publishers what is past its review date or due within 30 days.

Run it daily, from the scheduler that runs the site's other daily tasks (see the README's deployment
section). Each Publisher gets one message, in their language, listing every item they publish that is due;
nobody is written to when nothing is due.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from iwgtip_site.workflow.review_dates import due_for_review, reviewable_models, send_digest


class Command(BaseCommand):
    help = "E-mail each content type's Publishers the items overdue for review or due within 30 days."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = len(due_for_review(reviewable_models(), today=timezone.localdate()))
            self.stdout.write(self.style.SUCCESS(f"{count} item(s) overdue or due for review; nothing sent."))
            return
        sent = send_digest()
        self.stdout.write(self.style.SUCCESS(f"{sent} review digest(s) sent."))
