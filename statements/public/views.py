"""The public site's views. The editor's upload endpoint is in
statements/admin/uploader.py."""

import re

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from statements import workflow
from statements.commemorations.occurrences import next_occurrence, upcoming
from statements.i18n.wording import sorted_by_name
from statements.models import (
    Commemoration,
    SlugRedirect,
    Statement,
    StatementKind,
    Topic,
)
from statements.public import fragments, health, prepared
from statements.public.calendar import commemorations_calendar
from statements.public.queries import (
    available_versions,
    public_versions,
    public_years,
    statement_page,
)
from statements.public.search.query import clean_query, snippet
from statements.public.search.query import search as search_statements

PAGE_SIZE = 20
# Shown by link previews and search engines for pages without a picture.
DEFAULT_IMAGE = "img/og-image.png"
TOPIC_KEY = re.compile(r"[-a-zA-Z0-9_]{1,60}")
HOME_LATEST = 6
UPCOMING_DAYS = 30


def _paginate(request, queryset, count=None):
    """The requested page; a page number that names no page is a 404, so that
    each page of a list has one address and none past its end exists.
    ``count``: the queryset's, if it is known already."""
    paginator = Paginator(queryset, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= max(paginator.num_pages, 1):
        raise Http404("No such page.")
    return paginator.page(int(raw))


@require_GET
def home(request):
    language = translation.get_language()
    # A withdrawn statement keeps its page but does not lead the home page.
    latest = list(
        public_versions(language).filter(statement__withdrawn_at__isnull=True)[
            :HOME_LATEST
        ]
    )
    return render(
        request,
        "statements/home.html",
        {"latest": latest, "occurrences": upcoming(days=UPCOMING_DAYS)},
    )


def _filters(request):
    """The list filters that are valid; anything else is ignored, not an error."""
    kind = request.GET.get("kind", "")
    if kind not in StatementKind.values:
        kind = ""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 1900 <= int(year) <= 9999 else None
    topic = request.GET.get("topic", "")
    # A topic key is a slug; anything else (a NUL byte, which PostgreSQL
    # refuses in any string) would only fail in the database.
    topic = topic if TOPIC_KEY.fullmatch(topic) else ""
    return {"kind": kind, "year": year, "topic": topic}


@require_GET
def statement_list(request):
    language = translation.get_language()
    filters = _filters(request)
    years = public_years(language)
    topics = sorted_by_name(
        Topic.objects.all(), language, name=lambda topic: topic.name_in(language)
    )
    versions = public_versions(language, **filters)
    if (filters["year"] and filters["year"] not in years) or (
        filters["topic"] and filters["topic"] not in {topic.key for topic in topics}
    ):
        # Nothing can match: nothing is counted, stored or compiled for a
        # year or topic anyone can make up.
        page = _paginate(request, versions, count=0)
        cards = []
    else:
        listed_as = "|".join(
            str(filters[name] or "") for name in ("kind", "year", "topic")
        )
        count = prepared.list_count(versions, f"{language}|{listed_as}")
        page = _paginate(request, versions, count)
        # Read apart from the count, which the stored cards would keep
        # PostgreSQL from taking from the index alone.
        cards = prepared.cards(
            language, filters, (page.number - 1) * PAGE_SIZE, PAGE_SIZE
        )
    page.object_list = cards
    return render(
        request,
        "statements/statement_list.html",
        {
            "page_obj": page,
            "cards": cards,
            "filters": filters,
            "kinds": StatementKind.choices,
            "years": years,
            "topics": topics,
            "active_topic": next(
                (t for t in topics if t.key == filters["topic"]), None
            ),
        },
    )


@require_GET
def statement_detail(request, slug):
    language = translation.get_language()
    origin = f"{request.scheme}://{request.get_host()}"
    page = statement_page(slug, language, same_topic=False, origin=origin)
    if page is not None:
        return _statement_response(request, page)
    statement = Statement.objects.published().filter(slug=slug).first()
    if statement is None:
        moved = SlugRedirect.objects.filter(old_slug=slug).select_related("statement")
        target = moved.first()
        if target and Statement.objects.published().filter(pk=target.statement_id):
            return redirect(
                reverse("statements:detail", kwargs={"slug": target.statement.slug}),
                permanent=True,
            )
        raise Http404
    versions = available_versions(statement.pk)
    return render(
        request,
        "statements/missing_language.html",
        {"slug": slug, "versions": versions},
        status=404,
    )


def _statement_response(request, page):
    """The statement page: its stored page (statements.public.prepared), or one
    rendered and stored now, with what it shows of other statements added.

    "More on this topic" (shown when the editors linked no related statement)
    comes from its own cached fragment, and the page is stored in the page
    cache with a slot for it (see statements.public.fragments).
    """
    if page.prepared is None:
        context = {"page": page, "json_ld_data": _news_article(request, page)}
        page.prepared = prepared.prepare(request, page, context)
    topics = [{"key": topic["key"], "id": topic["id"]} for topic in page.topics]
    by_topic = not page.related and topics
    if by_topic:
        page.topic_slot = slot = fragments.new_slot()
    if page.related or page.previous_year or page.next_year:
        middle = render_to_string(
            "statements/includes/statement_surroundings.html", {"page": page}, request
        )
    else:
        middle = page.topic_slot
    head = page.prepared.head
    tail = page.prepared.tail
    if not by_topic:
        return HttpResponse(head + middle + tail)
    before, _slot, after = middle.partition(slot)
    head = (head + before).encode()
    tail = (after + tail).encode()
    found, _built = fragments.fragment(topics, page.language)
    response = HttpResponse(fragments.stitch(head, tail, found, page.statement.pk))
    response.page_cache_parts = {
        "head": head,
        "tail": tail,
        "topic_refs": topics,
        "language": page.language,
        "statement": page.statement.pk,
    }
    return response


def _iso(moment):
    return moment.isoformat() if moment else None


@never_cache
@require_GET
def statement_preview(request, slug):
    """A version as the public would see it once approved: its working draft
    if it has one, for staff who may see that statement in that language.

    Everyone else gets the same 404 as for an address that never existed.
    """
    user = request.user
    if not (user.is_active and user.is_staff):
        raise Http404
    language = translation.get_language()
    page = statement_page(slug, language, preview=True)
    if page is None or not workflow.may_see_language(user, page.statement, language):
        raise Http404
    draft = workflow.working_item(page.version)
    if draft is not None and draft is not page.version:
        for name in ("title", "summary", "body"):
            setattr(page.version, name, getattr(draft, name))
    response = render(
        request,
        "statements/statement_detail.html",
        {"page": page, "json_ld_data": _news_article(request, page), "preview": True},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _news_article(request, page):
    """schema.org NewsArticle for the statement page (escaped by the json_ld tag)."""
    statement, version = page.statement, page.version
    url = request.build_absolute_uri(request.path)
    issuer = statement.issued_by
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title[:110],
        "description": version.summary,
        "inLanguage": page.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(statement.publish_at),
        "dateModified": _iso(page.last_corrected_at or statement.publish_at),
        "author": {
            "@type": "Person",
            "name": issuer.name_in(page.language),
            "jobTitle": issuer.role_in(page.language),
        },
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": _("Commissioner for Human Rights (Ombudsman)"),
        },
    }
    if statement.withdrawn_at:
        # Still online with a dated notice: schema.org says how it stands.
        data["creativeWorkStatus"] = "Withdrawn"
        data["dateModified"] = _iso(
            max(statement.withdrawn_at, page.last_corrected_at or statement.publish_at)
        )
    if statement.reference:
        data["identifier"] = statement.reference
    if statement.hero_image:
        data["image"] = [request.build_absolute_uri(statement.hero_image.url)]
    else:
        data["image"] = [request.build_absolute_uri(static(DEFAULT_IMAGE))]
    return data


@require_GET
def search(request):
    language = translation.get_language()
    query = clean_query(request.GET.get("q", ""))
    filters = _filters(request)
    found = search_statements(language, query, **filters) if query else None
    page = _paginate(request, found.versions) if found else None
    results = [
        {"version": version, "snippet": snippet(version, query, language)}
        for version in (page.object_list if page else [])
    ]
    topics = sorted(
        Topic.objects.all(), key=lambda topic: topic.name_in(language).casefold()
    )
    kind_counts = [
        (value, label, found.kinds.get(value, 0) if found else 0)
        for value, label in StatementKind.choices
    ]
    return render(
        request,
        "statements/search.html",
        {
            "query": query,
            "page_obj": page,
            "results": results,
            "capped": found.capped if found else False,
            "filters": filters,
            "kinds": StatementKind.choices,
            "kind_counts": kind_counts,
            "years": public_years(language),
            "topics": topics,
            "active_topic": next(
                (t for t in topics if t.key == filters["topic"]), None
            ),
        },
    )


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """Each dependency's state; 503 only when readers cannot be served (no
    database), "degraded" with 200 when the cache or media storage fails."""
    code, body = health.report()
    body["time"] = timezone.now().isoformat()
    return JsonResponse(body, status=code)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@require_GET
def anniversary_list(request):
    commemorations = list(Commemoration.objects.prefetch_related("figures"))
    today = timezone.localdate()
    occurrences = sorted(
        (next_occurrence(c, today) for c in commemorations),
        key=lambda o: (o.date, o.commemoration.key),
    )
    return render(
        request,
        "statements/anniversary_list.html",
        {"occurrences": occurrences, "today": today},
    )


@require_GET
def commemoration_detail(request, key):
    language = translation.get_language()
    commemoration = get_object_or_404(
        Commemoration.objects.prefetch_related("figures"), key=key
    )
    statements = list(
        public_versions(language)
        .select_related("statement__issued_by")
        .filter(statement__commemoration=commemoration)
        .order_by("-statement__anniversary_year", "-statement__publish_at")
    )
    return render(
        request,
        "statements/commemoration_detail.html",
        {
            "commemoration": commemoration,
            "occurrence": next_occurrence(commemoration, timezone.localdate()),
            "versions": statements,
        },
    )


@require_GET
def anniversary_calendar(request):
    language = translation.get_language()
    body = commemorations_calendar(
        Commemoration.objects.all(),
        language,
        name=_("Commemorations — Commissioner for Human Rights"),
        url_for=lambda c: request.build_absolute_uri(
            reverse("statements:commemoration", kwargs={"key": c.key})
        ),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="commemorations.ics"'
    return response
