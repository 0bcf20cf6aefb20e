import functools
import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe

from statements.i18n.languages import localized as pick_language
from statements.i18n.languages import profile

register = template.Library()

# Characters that could end a <script> element or start a comment, escaped so
# that no text inside JSON-LD can break out of it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def localized(values, language=None):
    """Text from a ``{code: text}`` field in the page's language."""
    return pick_language(values, language or translation.get_language())


@register.filter
def in_language(values, language):
    """Text from a ``{code: text}`` field in exactly ``language``, or "": for
    what must not be shown in another language meanwhile."""
    return ((values or {}).get(language) or "").strip()


@register.simple_tag(takes_context=True)
def page_languages(context, available=None):
    """[(code, name, url, is_current)] for the language switcher and hreflang.

    ``available`` narrows it to the languages a statement really exists in.
    """
    request = context["request"]
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    codes = [code for code, _title in available] if available is not None else names
    # A page asks twice (hreflang links and the switcher); translate_url
    # resolves and reverses the path for each language, so once is enough.
    remembered = request.__dict__.setdefault("_page_languages", {})
    key = (current, tuple(codes))
    if key not in remembered:
        remembered[key] = _language_links(request, current, names, codes)
    return remembered[key]


def _language_links(request, current, names, codes):
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    links = []
    for code in codes:
        path = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": _native_name(code, names[code]),
                "url": request.build_absolute_uri(path) + query,
                "path": path + query,
                "current": code == current,
            }
        )
    return links


def _native_name(code, fallback):
    info = translation.get_language_info(code) if code else {}
    return info.get("name_local", fallback) if info else fallback


SLUG_MARKER = "slug-marker"


@functools.lru_cache(maxsize=64)
def _detail_path_parts(language, script_prefix, urlconf):
    with translation.override(language):
        path = reverse("statements:detail", kwargs={"slug": SLUG_MARKER})
    return path.split(SLUG_MARKER, 1)


@register.filter
def statement_path(slug):
    """The statement page's path in the current language, as {% url %} gives it.

    A list shows twenty of them; reversing the pattern once per language and
    filling in the slug (which is URL-safe by construction) saves a reverse()
    per card.
    """
    before, after = _detail_path_parts(
        translation.get_language(), get_script_prefix(), get_urlconf()
    )
    return f"{before}{slug}{after}"


@register.simple_tag
def opengraph_locale(code):
    return profile(code).opengraph_locale


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with ``changes`` applied; empty values removed."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted(params.items()))
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """The address of page ``number`` of the current list, filters kept; page 1
    has none of its own."""
    return query_with(context, page=number if number > 1 else "")


@register.simple_tag(takes_context=True)
def list_canonical(context):
    """The absolute address of this page of the list: its filters and page."""
    request = context["request"]
    page = context.get("page_obj")
    path = page_link(context, page.number if page else 1)
    if path.startswith("?"):
        path = request.path + path
    return request.build_absolute_uri(path)


@register.simple_tag
def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(SCRIPT_ESCAPES)),  # escaped just above
    )


@register.filter
def marked_terms(html, terms):
    """Rich text (already through rich_text) with the term base's terms
    marked; only escaped text inside our own <mark> is added to it."""
    from statements.translating.memory import highlight

    if not isinstance(html, SafeData):
        html = rich_text(html)
    return mark_safe(highlight(str(html), terms))


@register.filter
def rich_text(body):
    """The one place a body is marked safe: it was sanitised when it was saved,
    and is sanitised again here so that rows written around the model (raw SQL,
    old data) cannot slip through."""
    from statements.content.sanitizer import sanitize_html

    return mark_safe(sanitize_html(body))


@register.filter
def plural_form(forms, number):
    """The form of a label ("погибший | погибших | погибших") that ``number`` takes."""
    from statements.i18n.wording import plural_form as pick

    return pick(forms, number, translation.get_language())


@register.inclusion_tag("statements/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail):
    """The way back to the home page, shown and as schema.org BreadcrumbList.

    ``trail`` is label, path, label, path, …, and last the current page's
    label alone: ``{% breadcrumbs _("Statements") list_path title %}``.
    """
    from django.utils.translation import gettext

    request = context["request"]
    steps = [(gettext("Home"), reverse("statements:home"))]
    labels, current = trail[:-1], trail[-1]
    steps += list(zip(labels[::2], labels[1::2], strict=True))
    steps.append((current, request.path))
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(label),
                "item": request.build_absolute_uri(path),
            }
            for position, (label, path) in enumerate(steps, start=1)
        ],
    }
    return {"steps": steps[:-1], "current": current, "json_ld_data": data}


SHARE_TARGETS = (
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", ("u",)),
    ("X", "https://x.com/intent/post?{}", ("url", "text")),
    ("Telegram", "https://t.me/share/url?{}", ("url", "text")),
    ("WhatsApp", "https://wa.me/?{}", ("text+url",)),
)


@register.simple_tag(takes_context=True)
def share_links(context, title):
    """Plain links that open each service's own share page: no script of
    theirs runs here, and nothing is sent to them until the reader clicks."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    links = []
    for name, pattern, keys in SHARE_TARGETS:
        params = {}
        for key in keys:
            if key == "u" or key == "url":
                params[key] = url
            elif key == "text":
                params[key] = title
            else:
                params["text"] = f"{title} {url}"
        links.append({"name": name, "href": pattern.format(urlencode(params))})
    return {
        "url": url,
        "mailto": "mailto:?"
        + urlencode({"subject": title, "body": url}).replace("+", "%20"),
        "services": links,
    }


# Parts of the page frame rendered once per process for each language, page
# name and release (the navigation, the footer, the links in <head>): they
# show no content, only code, translations and settings, so nothing a change
# in the admin makes can leave them stale. Bounded, as page names are few.
_FRAME_PARTS = {}
_FRAME_PARTS_LIMIT = 512


class FramePartNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        from statements.public.prepared import release

        key = (
            self.name,
            translation.get_language(),
            release(),
            *(value.resolve(context) for value in self.vary),
        )
        found = _FRAME_PARTS.get(key)
        if found is None:
            found = self.nodelist.render(context)
            if len(_FRAME_PARTS) >= _FRAME_PARTS_LIMIT:
                _FRAME_PARTS.clear()
            _FRAME_PARTS[key] = found
        return found


@register.tag
def frame_part(parser, token):
    """``{% frame_part "name" value ... %}…{% endframe_part %}``: the part as
    rendered before for this language, release and values (see _FRAME_PARTS).
    Only for markup that reads no database row and no request but the values
    named."""
    name, *vary = token.split_contents()[1:]
    nodelist = parser.parse(("endframe_part",))
    parser.delete_first_token()
    return FramePartNode(
        name, [parser.compile_filter(value) for value in vary], nodelist
    )
