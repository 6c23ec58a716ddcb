"""The project package's own models, kept in their packages: readers' page feedback (iwgtip_site.feedback)
and the editorial workflow's working copies and staff preferences (iwgtip_site.workflow)."""

from .feedback.models import FeedbackAnswer, FeedbackStatus, PageFeedback
from .workflow.models import ReviewState, StaffPreferences, WorkingCopy

__all__ = ["FeedbackAnswer", "FeedbackStatus", "PageFeedback", "ReviewState", "StaffPreferences", "WorkingCopy"]
