"""Every public version, with hreflang alternates for the versions that exist."""

from django.contrib.sitemaps import Sitemap
from django.db.models import F
from django.urls import reverse

from statements.aggregates import decode_rows, json_rows
from statements.languages import language_codes
from statements.models import Statement, StatementVersion, VersionStatus


class StatementSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return (
            Statement.objects.published()
            .annotate(
                language_rows=json_rows(
                    StatementVersion.objects.filter(status=VersionStatus.PUBLISHED),
                    "statement",
                    "pk",
                    language=F("language"),
                )
            )
            .only("slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def get_languages_for_item(self, item):
        found = {row["language"] for row in decode_rows(item.language_rows)}
        return [code for code in language_codes() if code in found]

    def location(self, item):
        return reverse("statements:detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
