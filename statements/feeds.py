"""RSS 2.0 and Atom feeds of the latest public statements in one language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from statements.models import StatementKind
from statements.public import public_versions
from statements.text import xml_safe

FEED_LENGTH = 20


class LatestStatementsFeed(Feed):
    def get_object(self, request):
        kind = request.GET.get("kind", "")
        return {
            "language": translation.get_language(),
            "kind": kind if kind in StatementKind.values else "",
        }

    def title(self, obj):
        if obj["kind"]:
            return _("%(kind)s — Commissioner for Human Rights") % {
                "kind": StatementKind(obj["kind"]).label.capitalize()
            }
        return _("Statements — Commissioner for Human Rights")

    def link(self, obj):
        url = reverse("statements:list")
        return f"{url}?kind={obj['kind']}" if obj["kind"] else url

    def feed_url(self, obj):
        return None

    def description(self, obj):
        return _("The latest statements and press releases of the Commissioner.")

    def items(self, obj):
        return (
            public_versions(obj["language"], kind=obj["kind"])
            .select_related("statement")
            .prefetch_related("corrections")[:FEED_LENGTH]
        )

    # xml_safe: whatever is stored, the feed is XML that can be written.
    def item_title(self, item):
        if item.statement.withdrawn_at:
            return xml_safe(_("Withdrawn: %(title)s") % {"title": item.title})
        return xml_safe(item.title)

    def item_description(self, item):
        parts = [item.summary]
        for correction in item.corrections.all():
            parts.append(
                _("Correction (%(date)s): %(note)s")
                % {"date": correction.at.date().isoformat(), "note": correction.note}
            )
        return xml_safe("\n\n".join(part for part in parts if part))

    def item_link(self, item):
        return reverse("statements:detail", kwargs={"slug": item.statement.slug})

    def item_guid(self, item):
        return f"statement-{item.statement_id}-{item.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.statement.publish_at

    def item_updateddate(self, item):
        corrections = list(item.corrections.all())
        return corrections[-1].at if corrections else item.statement.publish_at

    def item_author_name(self, item):
        return None


class LatestStatementsAtomFeed(LatestStatementsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
