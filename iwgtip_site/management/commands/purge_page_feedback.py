"""Delete handled page feedback older than the retention period.

Readers are asked not to type personal information, but some will: feedback is kept only as long as it
is useful. Run it regularly (for example daily, from the scheduler that runs the site's other tasks).
New (unhandled) feedback is never deleted.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from iwgtip_site.feedback.models import FeedbackStatus, PageFeedback


class Command(BaseCommand):
    help = "Delete page feedback that was handled more than FEEDBACK_RETENTION_DAYS (or --days) ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.FEEDBACK_RETENTION_DAYS, help="Keep this many days.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days, dry_run=False, **options):
        limit = timezone.now() - timedelta(days=days)
        expired = PageFeedback.objects.filter(status=FeedbackStatus.HANDLED, handled_at__lt=limit)
        with transaction.atomic():
            count = expired.count() if dry_run else expired.delete()[0]
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"{count} handled feedback item(s) older than {days} days {verb}."))
