"""Logos: checked by content, capped in size and pixels, stored under unguessable names, never orphaned."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from iwgtip_site.files import is_referenced
from partners.models import Organization
from tests.factories import OrganizationFactory

from .admin_forms import form_data
from .images import SVG_WITH_SCRIPT, animated_bytes, image_bytes, png_header_only, upload

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE_FR = (
    "Ce fichier n'est pas une image PNG, JPEG ou WebP, ou il est endommagé. "
    "Téléversez le logo dans l'un de ces formats."
)
TOO_MANY_PIXELS_EN = (
    "This image has more than 16 million pixels, too many for a logo (2,000 by 2,000 pixels is plenty). "
    "Upload a smaller version."
)


def _logo_errors(content, name="logo.png", language="en"):
    organization = OrganizationFactory.build(logo=upload(name, content), logo_alt_en="Logo", logo_alt_fr="Logo")
    with translation.override(language):
        try:
            organization.full_clean()
        except ValidationError as error:
            return [str(message) for message in error.message_dict.get("logo", [])]
    return []


def _stored_logos():
    folder = Path(settings.MEDIA_ROOT) / "partners" / "logos"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", ".png"), ("JPEG", ".jpg"), ("WEBP", ".webp")], ids=str.lower
)
def test_png_jpeg_and_webp_logos_are_stored_under_a_random_name_with_their_real_extension(image_format, extension):
    # The uploaded name lies about the format: the stored file's extension follows the content.
    organization = OrganizationFactory.build(
        logo=upload("Our Logo FINAL.gif", image_bytes(image_format, size=(300, 100))),
        logo_alt_en="Logo",
        logo_alt_fr="Logo",
    )
    organization.full_clean()
    organization.save()
    name = organization.logo.name
    assert name.startswith("partners/logos/") and name.endswith(extension)
    assert "Logo" not in name and len(Path(name).stem) == 32
    assert (organization.logo_width, organization.logo_height) == (300, 100)
    assert _stored_logos() == [Path(settings.MEDIA_ROOT) / name]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SVG_WITH_SCRIPT, "logo.svg"),
        (SVG_WITH_SCRIPT, "logo.png"),
        (b"<html><script>alert(1)</script></html>", "logo.png"),
        (b"%PDF-1.7 not an image", "logo.pdf"),
        (image_bytes("GIF"), "logo.gif"),
        (image_bytes("BMP"), "logo.bmp"),
        (image_bytes("PNG", size=(300, 300), noise=True)[:2000], "truncated.png"),
        (b"", "empty.png"),
    ],
    ids=["svg", "svg-named-png", "html", "pdf", "gif", "bmp", "truncated-png", "empty"],
)
def test_anything_but_an_intact_png_jpeg_or_webp_image_is_refused_in_the_editors_language(content, name):
    assert _logo_errors(content, name, language="fr") == [NOT_AN_IMAGE_FR]


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_animated_logos_are_refused(image_format):
    assert _logo_errors(animated_bytes(image_format)) == [
        "Animated images cannot be used as logos. Upload a still PNG, JPEG or WebP image."
    ]


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(settings):
    settings.PARTNER_LOGO_MAX_BYTES = 4 * 1024
    content = image_bytes("PNG", size=(200, 200), noise=True)
    assert len(content) > 4 * 1024
    [message] = _logo_errors(content, language="fr")
    assert message.startswith("Ce fichier fait ") and message.endswith("la taille maximale permise est de 4\xa0Ko.")
    settings.PARTNER_LOGO_MAX_BYTES = 2 * 1024 * 1024
    assert _logo_errors(content) == []


@pytest.mark.parametrize(
    ("width", "height"),
    [(5_000, 4_000), (30_000, 30_000), (1, 200_000_000)],
    ids=["over-our-cap", "decompression-bomb", "bomb-past-pillows-limit"],
)
def test_images_with_too_many_pixels_are_refused_without_being_decoded(width, height):
    assert _logo_errors(png_header_only(width, height)) == [TOO_MANY_PIXELS_EN]


def test_a_logo_needs_a_text_alternative_in_both_languages():
    organization = OrganizationFactory.build(logo=upload(), logo_alt_en="Organization logo", logo_alt_fr="")
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert [str(m) for m in error.value.message_dict["logo_alt_fr"]] == [
        "Décrivez le logo en français, pour les personnes qui ne peuvent pas le voir."
    ]
    assert "logo_alt_en" not in error.value.message_dict


def test_editing_an_organization_does_not_read_its_stored_logo_again():
    organization = OrganizationFactory(logo=upload(), logo_alt_en="Logo", logo_alt_fr="Logo")
    (Path(settings.MEDIA_ROOT) / organization.logo.name).write_bytes(b"damaged on disk")
    organization.summary_en = "Edited."
    organization.full_clean()  # the editor is not blamed for a file they did not upload


# Through the admin, as an editor works: uploads, replacements, refusals, deletions.


def test_an_editor_adds_a_logo_and_the_public_page_shows_it_with_its_text_alternative(admin_client):
    organization = OrganizationFactory(slug_en="osce", slug_fr="osce")
    data = form_data(organization, logo=upload("osce.png"), logo_alt_en="OSCE logo", logo_alt_fr="Logo de l'OSCE")
    response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    organization.refresh_from_db()
    page = Client().get("/fr/partenaires/osce/").content.decode()
    assert f'src="/media/{organization.logo.name}" alt="Logo de l&#x27;OSCE" width="120" height="60"' in page


def test_a_refused_upload_keeps_the_previous_logo_and_record_untouched(
    admin_client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(logo=upload(), logo_alt_en="Logo", logo_alt_fr="Logo", summary_en="Before.")
    old_name = organization.logo.name
    data = form_data(organization, logo=upload("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"), summary_en="After.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/fr/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 200
    assert "n&#x27;est pas une image PNG, JPEG ou WebP" in response.content.decode()
    organization.refresh_from_db()
    assert (organization.logo.name, organization.summary_en) == (old_name, "Before.")
    assert _stored_logos() == [Path(settings.MEDIA_ROOT) / old_name]


def test_a_replaced_logo_is_deleted_once_the_new_one_is_saved(admin_client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(logo=upload(), logo_alt_en="Logo", logo_alt_fr="Logo")
    old_path = Path(settings.MEDIA_ROOT) / organization.logo.name
    data = form_data(organization, logo=upload("new.jpg", image_bytes("JPEG", size=(90, 90)), "image/jpeg"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 302
    assert old_path.exists()  # still served until the change is committed
    for callback in callbacks:
        callback()
    organization.refresh_from_db()
    assert not old_path.exists()
    assert _stored_logos() == [Path(settings.MEDIA_ROOT) / organization.logo.name]
    assert organization.logo.name.endswith(".jpg") and organization.logo_width == 90


def test_clearing_a_logo_deletes_its_file(admin_client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(logo=upload(), logo_alt_en="Logo", logo_alt_fr="Logo")
    data = form_data(organization, **{"logo-clear": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert not organization.logo
    assert organization.logo_width is None
    assert _stored_logos() == []


def test_a_deleted_organization_keeps_its_logo_while_it_can_be_recovered(admin_client):
    organization = OrganizationFactory(logo=upload(), logo_alt_en="Logo", logo_alt_fr="Logo")
    logo = organization.logo.name
    assert len(_stored_logos()) == 1
    response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.exists()
    assert len(_stored_logos()) == 1 and is_referenced(logo)  # recovering brings it back with its logo
    assert Client().get(f"/media/{logo}").status_code == 404  # but nobody is served it meanwhile
    with time_machine.travel(timezone.now() + timedelta(days=settings.DELETED_ITEMS_RETENTION_DAYS + 1)):
        assert not is_referenced(logo)


def test_a_decompression_bomb_uploaded_in_the_admin_is_a_form_error_not_a_server_error(admin_client):
    organization = OrganizationFactory()
    data = form_data(organization, logo=upload("bomb.png", png_header_only(30_000, 30_000)), logo_alt_en="Logo")
    data["logo_alt_fr"] = "Logo"
    response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 200
    assert TOO_MANY_PIXELS_EN in response.content.decode()
    organization.refresh_from_db()
    assert not organization.logo


# In an S3 bucket (MEDIA_STORAGE=s3), against a real local S3 server.


def _bucket_logos(s3_media):
    client, bucket = s3_media
    listing = client.list_objects_v2(Bucket=bucket, Prefix="partners/logos/").get("Contents", [])
    return sorted(item["Key"] for item in listing)


def test_a_logo_uploaded_to_the_bucket_is_served_while_its_organization_is_live_and_replaced_cleanly(
    s3_media, admin_client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(slug_en="osce", slug_fr="osce")
    data = form_data(organization, logo=upload("osce.png"), logo_alt_en="OSCE logo", logo_alt_fr="Logo de l'OSCE")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    organization.refresh_from_db()
    assert _bucket_logos(s3_media) == [organization.logo.name]
    client, bucket = s3_media
    stored = client.get_object(Bucket=bucket, Key=organization.logo.name)["Body"].read()
    served = Client().get(f"/media/{organization.logo.name}")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == stored
    assert (
        Client().get(f"/media/{organization.logo.name}", headers={"If-None-Match": served["ETag"]}).status_code == 304
    )

    old_name = organization.logo.name
    data = form_data(organization, logo=upload("new.jpg", image_bytes("JPEG", size=(90, 90)), "image/jpeg"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/en/admin/partners/organization/{organization.pk}/change/", data)
    organization.refresh_from_db()
    assert _bucket_logos(s3_media) == [organization.logo.name] != [old_name]  # django-cleanup, after commit
    assert Client().get(f"/media/{old_name}").status_code == 404

    Organization.objects.filter(pk=organization.pk).update(status="draft")
    assert Client().get(f"/media/{organization.logo.name}").status_code == 404
