"""The logo of an organization: a field that takes files from outside.

(Its website is an `iwgtip_site.fields.WebAddressField`: http(s) only.) A logo is checked
by what the file *is*, not by its name: a PNG, JPEG or WebP image (never SVG, which can carry
scripts), that Pillow can open, verify and fully decode, under a size cap and a pixel cap (a small
file can unpack into gigabytes: a "decompression bomb"). It is stored under a random name whose
extension comes from the detected format, so a file is never served with a type its content does not
have. Every message is written for an editor and translated.
"""

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image

from iwgtip_site.files import UploadTo, validate_max_size

# Formats a logo may have, and the extension its stored file gets.
LOGO_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
LOGO_CONTENT_TYPES = "image/png,image/jpeg,image/webp"
# 16 million pixels (4,000 by 4,000) is far more than a logo needs, and decodes in about 64 MB.
LOGO_MAX_PIXELS = 16_000_000
LOGO_FOLDER = "partners/logos"


def logo_max_bytes():
    return settings.PARTNER_LOGO_MAX_BYTES


def _not_a_logo_image():
    return ValidationError(
        _("This file is not a PNG, JPEG or WebP image, or it is damaged. Upload the logo as one of those."),
        code="invalid_logo",
    )


def _too_many_pixels():
    return ValidationError(
        _(
            "This image has more than %(limit)s million pixels, too many for a logo (2,000 by 2,000 pixels is "
            "plenty). Upload a smaller version."
        )
        % {"limit": number_format(LOGO_MAX_PIXELS // 1_000_000)},
        code="too_many_pixels",
    )


def validate_logo(file):
    """Refuse a new logo upload that is too big, not a PNG/JPEG/WebP image, damaged or animated.

    A logo already stored (an edit that does not replace it) is not read again."""
    if not file or getattr(file, "_committed", True):
        return
    validate_max_size(file, logo_max_bytes())  # before Pillow reads anything
    try:
        with warnings.catch_warnings():
            # Pillow warns past ~89 million pixels and refuses past twice that; ours is a lower cap.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file, formats=list(LOGO_FORMATS)) as image:  # reads the header only
                if image.format not in LOGO_FORMATS:  # e.g. a camera's multi-picture JPEG (MPO)
                    raise _not_a_logo_image()
                width, height = image.size
                if width * height > LOGO_MAX_PIXELS:
                    raise _too_many_pixels()
                if getattr(image, "is_animated", False):
                    raise ValidationError(
                        _("Animated images cannot be used as logos. Upload a still PNG, JPEG or WebP image."),
                        code="animated_logo",
                    )
                image.verify()
            file.seek(0)
            with Image.open(file, formats=list(LOGO_FORMATS)) as image:
                image.load()  # a full decode: catches damaged data that verify() lets through
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:  # Pillow reports bad data with many exception types
        raise _not_a_logo_image() from error
    finally:
        file.seek(0)


def logo_extension(file):
    """The extension matching the image's real format; ".bin" (served as plain bytes) if unknown."""
    try:
        file.seek(0)
        with Image.open(file, formats=list(LOGO_FORMATS)) as image:
            return LOGO_FORMATS.get(image.format, ".bin")
    except Exception:
        return ".bin"
    finally:
        file.seek(0)


def logo_upload_to(instance, filename):
    """partners/logos/<random hex>.<png|jpg|webp>: the uploaded name is never used."""
    return UploadTo(LOGO_FOLDER, extension=logo_extension(instance.logo))(instance, filename)


class LogoFormField(forms.FileField):
    """Takes the upload; every check on its content is `validate_logo`'s, run by the model."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs.setdefault("accept", LOGO_CONTENT_TYPES)
        return attrs


class LogoField(models.ImageField):
    """An ImageField checked by `validate_logo` instead of Django's file-extension list."""

    default_validators = [validate_logo]

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Django sizes an image as soon as it is assigned, before any validation, and Pillow raises
        (DecompressionBombError) on some headers: that would be a 500. Leave the size unknown instead;
        `validate_logo` then refuses the file with a message."""
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:
            for field in (self.width_field, self.height_field):
                if field:
                    setattr(instance, field, None)

    def formfield(self, **kwargs):
        # The uploaded name is replaced by a random one, so its length does not matter.
        return super().formfield(**{"form_class": LogoFormField, "max_length": None, **kwargs})
