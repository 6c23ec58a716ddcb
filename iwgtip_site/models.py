"""The project package's own models: readers' page feedback lives in its package, iwgtip_site.feedback."""

from .feedback.models import FeedbackAnswer, FeedbackStatus, PageFeedback

__all__ = ["FeedbackAnswer", "FeedbackStatus", "PageFeedback"]
