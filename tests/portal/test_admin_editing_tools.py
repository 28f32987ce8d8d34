"""Staff sign in to read the comparison dashboard, nothing else: Wagtail's choosers and admin API,
which any admin user may open, list page titles, images, documents and snippets. Staff are
refused them (portal/editing_tools.py); editors keep them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission
from wagtail_factories import DocumentFactory, ImageFactory

from careers.factories import SectorFactory
from portal.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Sorry, you do not have permission to access this area."
SECRETS = (
    "Unreleased page title",
    "Unreleased image title",
    "Unreleased document title",
    "Unreleased sector",
    "Moderator review",
)


@pytest.fixture
def content(home_page, editor):
    # Wagtail's own Editors group may choose images and documents; make sure a flushed test
    # database's one may too.
    editors = Group.objects.get(name="Editors")
    root = Collection.get_first_root_node()
    for codename in ("choose_image", "choose_document"):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root, permission=Permission.objects.get(codename=codename)
        )
    page = StandardPageFactory(parent=home_page, title="Unreleased page title", live=False)
    image = ImageFactory(title="Unreleased image title", collection=root)
    document = DocumentFactory(title="Unreleased document title", collection=root)
    sector = SectorFactory(name="Unreleased sector")
    return {
        "home": home_page.pk,
        "page": page.pk,
        "image": image.pk,
        "document": document.pk,
        "sector": sector.pk,
    }


# (URL, the secret an editor sees there or None where the view shows no content)
TOOLS = [
    ("/admin/choose-page/{home}/", "Unreleased page title"),
    ("/admin/choose-page/search/?q=Unreleased", "Unreleased page title"),
    ("/admin/choose-page/", None),
    ("/admin/choose-external-link/", None),
    ("/admin/images/chooser/", "Unreleased image title"),
    ("/admin/images/chooser/results/?q=Unreleased", "Unreleased image title"),
    ("/admin/images/chooser/chosen/{image}/", "Unreleased image title"),
    ("/admin/documents/chooser/", "Unreleased document title"),
    ("/admin/snippets/choose/careers/sector/", "Unreleased sector"),
    ("/admin/snippets/choose/careers/sector/results/?q=Unreleased", "Unreleased sector"),
    ("/admin/snippets/choose/careers/sector/chosen/{sector}/", "Unreleased sector"),
    ("/admin/api/main/pages/?child_of={home}", "Unreleased page title"),
    ("/admin/api/main/images/", "Unreleased image title"),
    ("/admin/api/main/documents/", "Unreleased document title"),
    ("/admin/workflows/task_chooser/", "Moderator review"),
    ("/admin/tag-autocomplete/?term=a", None),
]


@pytest.mark.parametrize(("url", "secret"), TOOLS)
def test_staff_are_sent_to_the_dashboard_with_a_message(client, staff, content, url, secret):
    client.force_login(staff)
    response = client.get(url.format(**content))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    html = dashboard.content.decode()
    assert REFUSAL in html
    assert not [text for text in SECRETS if text in html]


@pytest.mark.parametrize(("url", "secret"), TOOLS)
def test_staff_get_403_in_the_choosers_modal(client, staff, content, url, secret):
    client.force_login(staff)
    response = client.get(url.format(**content), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
    assert not [text for text in SECRETS if text in response.content.decode()]


@pytest.mark.parametrize(("url", "secret"), TOOLS)
def test_editors_still_use_them(client, editor, content, url, secret):
    client.force_login(editor)
    response = client.get(url.format(**content), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    if secret:
        assert secret in response.content.decode()


def test_staff_still_read_the_dashboard(client, staff, content):
    client.force_login(staff)
    assert client.get("/admin/comparison/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, content):
    response = client.get(f"/admin/choose-page/{content['home']}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ["/admin/embeds/chooser/", "/admin/searchpicks/", "/admin/forms/"])
def test_the_apps_the_site_does_not_use_offer_editors_nothing(client, editor, url):
    """Video embeds, promoted search results and form pages are not installed: no admin area."""
    client.force_login(editor)
    assert client.get(url).status_code == 404
