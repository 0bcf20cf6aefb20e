"""The rich-text editor: one wrapper, and no "Source" button for editors."""

import json
import re

import pytest
from django.conf import settings

from statements.admin.editor import RichTextEditor
from statements.admin.version_forms import StatementVersionForm
from tests.factories import make_statement, make_superuser

pytestmark = pytest.mark.django_db


def toolbar_buttons():
    config = settings.CKEDITOR_CONFIGS["default"]
    return [button for group in config["toolbar_Statement"] for button in group]


def test_the_toolbar_has_no_source_button():
    """Editors work in formatted text only: no raw-HTML view."""
    assert "Source" not in toolbar_buttons()
    assert "Bold" in toolbar_buttons()


def test_the_body_uses_the_wrapped_editor():
    """Forms name the wrapper, so replacing django-ckeditor touches one module."""
    assert isinstance(StatementVersionForm().fields["body"].widget, RichTextEditor)


def test_the_editor_page_loads_the_editor_without_source(client):
    """The version's change page carries the editor, configured without Source."""
    make_superuser()
    client.login(username="admin", password="correct horse battery")
    version = make_statement().versions.get()
    response = client.get(f"/admin/statements/statementversion/{version.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "ckeditor/ckeditor/ckeditor.js" in content
    config = json.loads(
        re.search(r'data-config="([^"]*)"', content)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    buttons = [b for group in config["toolbar_Statement"] for b in group]
    assert "Source" not in buttons
    assert "Content-Security-Policy" in response.headers
