"""Uploaded files: unguessable names and a size cap stated in the editor's language."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from iwgtip_site.files import UploadTo, format_size, validate_max_size
from iwgtip_site.publishing import Status
from tests.conftest import login
from tests.factories import OrganizationFactory, UserFactory


def test_upload_names_are_random_and_keep_a_lowercase_extension():
    upload_to = UploadTo("partners/logos")
    first, second = upload_to(None, "Logo Final.PNG"), upload_to(None, "Logo Final.PNG")
    assert first != second
    assert first.startswith("partners/logos/") and first.endswith(".png")
    assert "Logo" not in first
    assert UploadTo("pamphlets", extension=".pdf")(None, "evil.html").endswith(".pdf")


def test_size_cap_is_explained_in_the_editors_language():
    big = SimpleUploadedFile("big.pdf", b"x" * 3000)
    validate_max_size(big, 3000)
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_max_size(big, 2048)
    assert error.value.messages == ["Ce fichier fait 2,9\xa0Ko; la taille maximale permise est de 2\xa0Ko."]


@pytest.mark.parametrize(
    ("size", "english", "french"),
    [
        (900, "900\xa0bytes", "900\xa0octets"),
        (279_552, "273\xa0KB", "273\xa0Ko"),
        (1_468_006, "1.4\xa0MB", "1,4\xa0Mo"),
        (20 * 1024 * 1024, "20\xa0MB", "20\xa0Mo"),
    ],
)
def test_sizes_read_naturally_in_both_languages(size, english, french):
    with translation.override("en"):
        assert format_size(size) == english
    with translation.override("fr"):
        assert format_size(size) == french


@pytest.mark.django_db
def test_public_media_serves_a_live_organizations_logo_only(client, settings):
    folder = settings.MEDIA_ROOT / "partners" / "logos"
    folder.mkdir(parents=True)
    for name in ("live.png", "draft.png", "orphan.png"):
        (folder / name).write_bytes(b"\x89PNG fake")
    (settings.MEDIA_ROOT / "pamphlets").mkdir()
    (settings.MEDIA_ROOT / "pamphlets" / "draft.pdf").write_bytes(b"%PDF- draft")
    OrganizationFactory(logo="partners/logos/live.png")
    draft = OrganizationFactory(logo="partners/logos/draft.png", status=Status.DRAFT)

    response = client.get("/media/partners/logos/live.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG fake"
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, no-cache"
    for path in (
        "/media/partners/logos/draft.png",  # its organization is not public
        "/media/partners/logos/orphan.png",  # no organization owns it
        "/media/pamphlets/draft.pdf",  # not a public folder
        "/media/partners/logos/../../pamphlets/draft.pdf",
        "/media/partners/logos/missing.png",
    ):
        assert client.get(path).status_code == 404, path
    login(client, UserFactory(is_staff=True, permissions=["partners.change_organization"]))
    assert client.get(f"/media/{draft.logo.name}").status_code == 200  # staff previewing the draft


@pytest.mark.django_db
def test_a_cached_logo_is_checked_each_time_and_refused_once_unpublished(client, settings):
    """no-cache, not max-age: a browser or CDN keeps the logo but asks first (a 304 while it is public)."""
    (settings.MEDIA_ROOT / "partners" / "logos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "partners" / "logos" / "live.png").write_bytes(b"\x89PNG fake")
    organization = OrganizationFactory(logo="partners/logos/live.png")
    etag = client.get("/media/partners/logos/live.png")["ETag"]
    assert client.get("/media/partners/logos/live.png", HTTP_IF_NONE_MATCH=etag).status_code == 304
    type(organization).objects.filter(pk=organization.pk).update(status=Status.DRAFT)
    assert client.get("/media/partners/logos/live.png", HTTP_IF_NONE_MATCH=etag).status_code == 404
