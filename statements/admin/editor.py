"""The rich-text editor, in one place.

django-ckeditor (CKEditor 4) is used only through this module: the body's
widget, the scripts its pages load, and the script the CSP middleware looks
for to relax the policy on editor pages. Replacing the editor means changing
this module, its configuration (CKEDITOR_CONFIGS in settings) and its static
files; forms and middleware stay as they are. Whatever the editor sends, the
server sanitises (statements.content.sanitizer), so the editor is a convenience, not
a safeguard.
"""

from ckeditor.widgets import CKEditorWidget

# The script whose presence marks a page as an editor page (ombudsman.middleware).
EDITOR_SCRIPT = "ckeditor/ckeditor/ckeditor.js"


class RichTextEditor(CKEditorWidget):
    """The body's editor, with the toolbar of CKEDITOR_CONFIGS["default"]."""

    def __init__(self, attrs=None):
        super().__init__(config_name="default", attrs=attrs)


class EditorMedia:
    # editor-csrf.js registers a CKEDITOR listener, so it must come after
    # ckeditor.js; naming both here makes Django's media merging keep that order.
    js = (EDITOR_SCRIPT, "js/editor-csrf.js")
