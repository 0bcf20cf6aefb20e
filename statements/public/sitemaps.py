"""Every public version, with hreflang alternates for the versions that exist,
and the site's other public pages.

``/sitemap.xml`` is an index of section pages (``/sitemap-statements.xml?p=N``),
each listing the versions of a fixed run of statements, oldest first, and
``/sitemap-pages.xml``. A statement's x-default is its original language, and
its lastmod the latest thing a reader can see change: its release, its last
correction, or its withdrawal.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import F, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from statements.i18n.languages import language_codes
from statements.models import (
    Commemoration,
    Correction,
    Statement,
    StatementVersion,
)
from statements.public.aggregates import decode_rows, json_rows

# Oldest first, so that a page's addresses stay the same as statements come
# out: only the last page changes, and crawlers and caches can keep the rest.
# The partial index "statement_released" serves it, read backwards.
ORDER = ("released_at", "pk")


class StatementPaginator(Paginator):
    """Pages of statements, each handed to the sitemap as (statement, language).

    Django's i18n sitemap builds those pairs for every item before it slices
    them, so each page would load every statement. Counting and slicing the
    statements in the database and expanding only the page's keeps a page's
    cost the same at any size of site.
    """

    def __init__(self, object_list, per_page, expand):
        super().__init__(object_list, per_page)
        self.expand = expand

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(self.expand(object_list), number, paginator)


class StatementSitemap(Sitemap):
    i18n = True
    alternates = True
    # Django's x-default is the default language's address; ours is the
    # original's, added in _urls().
    x_default = False
    changefreq = "monthly"
    # The most <url> entries on one section page: comfortably under the
    # protocol's 50,000 and 50 MB, small enough to render in a fraction of a
    # second. A page holds limit // languages statements, so a statement's
    # versions never straddle two pages.
    limit = 2000

    def __init__(self):
        # One instant for the count and the page, so that a statement issued
        # in between cannot shift the page it was counted for.
        self.now = timezone.now()

    def items(self):
        return Statement.objects.published(now=self.now).order_by(*ORDER)

    @property
    def paginator(self):
        return StatementPaginator(
            self.items().values_list("pk", flat=True),
            self.statements_per_page(),
            self.page_items,
        )

    def statements_per_page(self):
        return max(1, self.limit // len(language_codes()))

    def page_items(self, page_pks):
        """The page's statements with their public languages, in one query.

        The languages are folded in by an outer query on the page's keys, so
        they are read for this page's statements only, not for every row the
        database steps over to reach the page.
        """
        statements = (
            Statement.objects.filter(pk__in=page_pks)
            .annotate(
                language_rows=json_rows(
                    StatementVersion.objects.published(now=self.now),
                    "statement",
                    "pk",
                    language=F("language"),
                )
            )
            .annotate(
                last_correction=Subquery(
                    Correction.objects.filter(
                        version__statement_id=OuterRef("pk"),
                        version__released_at__isnull=False,
                    )
                    .values("version__statement_id")
                    .annotate(latest=Max("at"))
                    .values("latest")
                )
            )
            .only("slug", "released_at", "withdrawn_at", "original_language")
            .order_by(*ORDER)
        )
        pairs = []
        for statement in statements:
            found = {row["language"] for row in decode_rows(statement.language_rows)}
            statement.public_languages = [
                code for code in language_codes() if code in found
            ]
            pairs.extend((statement, code) for code in statement.public_languages)
        return pairs

    def get_languages_for_item(self, item):
        return item.public_languages

    def location(self, item):
        return reverse("statements:detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        changes = [item.released_at, item.withdrawn_at, item.last_correction]
        return max(change for change in changes if change is not None)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            statement = url["item"][0]
            languages = statement.public_languages
            original = (
                statement.original_language
                if statement.original_language in languages
                else languages[0]
            )
            path = self._location((statement, original), original)
            url["alternates"].append(
                {"location": f"{protocol}://{domain}{path}", "lang_code": "x-default"}
            )
        return urls

    def get_latest_lastmod(self):
        # Django's default reads every item's lastmod; the index does without
        # one rather than scan the whole table on each request.
        return None


class PageSitemap(Sitemap):
    """The public pages that are not statements, in every language."""

    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        pages = [
            ("statements:home", {}),
            ("statements:list", {}),
            ("statements:anniversaries", {}),
            ("readers:contact", {}),
            ("readers:alerts", {}),
        ]
        pages += [
            ("statements:commemoration", {"key": key})
            for key in Commemoration.objects.order_by("key").values_list(
                "key", flat=True
            )
        ]
        return pages

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)
