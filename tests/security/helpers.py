"""Shared tools for the attack tests: reading pages as a browser would."""

from html.parser import HTMLParser

# Script element types that hold data, which no browser executes.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "svg", "math", "base", "frame"}


class _Markup(HTMLParser):
    def __init__(self, allowed=()):
        super().__init__(convert_charrefs=True)
        self.allowed = set(allowed)
        self.problems = []
        self.in_script = None
        self.fields = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") and (value or "").strip():
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction", "data"} and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_ELEMENTS - self.allowed:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if kind not in DATA_SCRIPT_TYPES and not attributes.get("src"):
                self.in_script = "inline"
            else:
                self.in_script = kind or "external"
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag in {"input", "textarea", "select"} and attributes.get("name"):
            self.fields.append((tag, attributes))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None

    def handle_data(self, data):
        if self.in_script == "inline" and data.strip():
            self.problems.append(f"inline script: {data.strip()[:80]!r}")
        elif self.in_script == "external" and data.strip():
            self.problems.append(f"code inside an external script: {data[:80]!r}")
        self.texts.append(data)


def injected_markup(html, allowed=()):
    """Every element, handler or URL in ``html`` that could run script.

    A page whose hostile texts were escaped yields an empty list: the payloads
    are there, but only as text. ``allowed`` names elements the page itself
    uses (the admin draws its icons with <svg>); their handlers still count.
    """
    parser = _Markup(allowed)
    parser.feed(html)
    parser.close()
    return parser.problems


def visible_text(html):
    """The page's text as a reader sees it (entities decoded)."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return "".join(parser.texts)


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image"}:
                self.fields.append((name, attributes.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(html, form_id):
    """The named form's current values as POST data (as a browser would send)."""
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        if "__prefix__" in name:
            continue
        if name in data:
            existing = data[name]
            data[name] = (
                [*existing, value]
                if isinstance(existing, list)
                else [
                    existing,
                    value,
                ]
            )
        else:
            data[name] = value
    return data
