"""Model fields every app uses, beyond rich text (see richtext.py)."""

from django import forms
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

validate_web_address = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with https:// or http://, such as https://www.canada.ca/."),
)

# For every slug of a public address: lowercase, so that one address never exists in two spellings.
validate_lowercase_slug = RegexValidator(
    r"^[-a-z0-9]+\Z", _("Use lowercase letters, digits and hyphens only (no capitals, no underscores).")
)


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]
    default_error_messages = {"invalid": validate_web_address.message}


class WebAddressField(models.URLField):
    """A link to a web page: http or https only (never javascript:, data:, ftp:...), checked in the
    form and on the model. An address typed without a scheme ("www.canada.ca") is taken as https,
    as Django 6 will do."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, "assume_scheme": "https", **kwargs})
