"""RSS 2.0 and Atom feeds of the latest public statements in one language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from statements.content.text import xml_safe
from statements.i18n.languages import localized
from statements.i18n.wording import upper_first
from statements.models import StatementKind
from statements.public.queries import public_versions

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
        versions = list(
            public_versions(obj["language"], kind=obj["kind"])
            .select_related("statement", "statement__issued_by")
            .prefetch_related("corrections", "statement__topics")[:FEED_LENGTH]
        )
        # A withdrawn statement stays in the feed, dated, but never leads it.
        return sorted(
            versions, key=lambda item: item.statement.withdrawn_at is not None
        )

    # xml_safe: whatever is stored, the feed is XML that can be written.
    def item_title(self, item):
        if item.statement.withdrawn_at:
            return xml_safe(_("Withdrawn: %(title)s") % {"title": item.title})
        return xml_safe(item.title)

    def item_description(self, item):
        parts = []
        statement = item.statement
        if statement.withdrawn_at:
            date = formats.date_format(
                timezone.localtime(statement.withdrawn_at), "DATE_FORMAT"
            )
            reason = localized(statement.withdrawal_reason, item.language)
            parts.append(
                _("Withdrawn on %(date)s.") % {"date": date}
                + (f" {reason}" if reason else "")
            )
        parts.append(item.summary)
        for correction in item.corrections.all():
            parts.append(
                _("Correction (%(date)s): %(note)s")
                % {"date": correction.at.date().isoformat(), "note": correction.note}
            )
        return xml_safe("\n\n".join(part for part in parts if part))

    def item_link(self, item):
        return reverse("statements:detail", kwargs={"slug": item.statement.slug})

    def item_guid(self, item):
        """A tag: URI (RFC 4151), valid as Atom's <id> and stable for good: it
        names the site's host and the statement's number, not its address."""
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},2025:statement-{item.statement_id}-{item.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.statement.publish_at

    def item_updateddate(self, item):
        changes = [item.statement.publish_at, item.statement.withdrawn_at]
        changes += [correction.at for correction in item.corrections.all()]
        return max(change for change in changes if change is not None)

    def item_author_name(self, item):
        issuer = item.statement.issued_by
        return localized(issuer.name, item.language) if issuer else None

    def item_categories(self, item):
        kind = upper_first(str(item.statement.get_kind_display()), item.language)
        topics = [localized(t.name, item.language) for t in item.statement.topics.all()]
        return [kind, *sorted(topics)]


class LatestStatementsAtomFeed(LatestStatementsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
