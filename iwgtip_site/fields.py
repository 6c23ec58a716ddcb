"""Model fields every app uses, beyond rich text (see richtext.py)."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebAddressField(models.URLField):
    """A link to a web page: http or https only (never javascript:, data:, ftp:...).

    An address typed without a scheme ("www.canada.ca") is taken as https, as Django 6 will do."""

    default_validators = [
        URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with https:// or http://."))
    ]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
