"""What a translator writes outside the text: the hero image's alt text and
caption, the attachments' titles and the withdrawal notice, in one language.

They are kept per language on the statement and its attachments (translated
JSON fields). Written on the language version's page, they follow its text:
while the version is not published they are stored at once (no reader sees
that language yet); once it is, they wait in its working draft and reach
readers only when the draft is approved (workflow._approve_draft).
"""

from django.utils.translation import gettext as _

from statements.models import Attachment, Statement

HERO_ALT = "hero_image_alt"
HERO_CAPTION = "hero_image_caption"
WITHDRAWAL = "withdrawal_reason"
ATTACHMENT = "attachment_"


def names(statement):
    """The keys written for ``statement``, in the order the page shows them."""
    keys = []
    if statement.hero_image:
        keys += [HERO_ALT, HERO_CAPTION]
    keys += [f"{ATTACHMENT}{pk}" for pk in _attachments(statement)]
    if statement.withdrawn_at is not None:
        keys.append(WITHDRAWAL)
    return keys


def _attachments(statement):
    return {a.pk: a for a in statement.attachments.all()}


def live_values(statement, language):
    """What readers of ``language`` are shown now (or will be, once published)."""
    values = {}
    if statement.hero_image:
        values[HERO_ALT] = (statement.hero_image_alt or {}).get(language, "")
        values[HERO_CAPTION] = (statement.hero_image_caption or {}).get(language, "")
    for pk, attachment in _attachments(statement).items():
        values[f"{ATTACHMENT}{pk}"] = (attachment.title or {}).get(language, "")
    if statement.withdrawn_at is not None:
        values[WITHDRAWAL] = (statement.withdrawal_reason or {}).get(language, "")
    return values


def current_values(version, draft=None):
    """The values as the translator last wrote them: the working draft's when
    it holds some, else the live ones."""
    values = live_values(version.statement, version.language)
    pending = getattr(draft, "language_fields", None) or {}
    values.update({key: value for key, value in pending.items() if key in values})
    return values


def store(version, values, user=None):
    """Write ``values`` (a subset of names()) as what readers of the version's
    language see. Only the changed keys are written; other languages are
    never touched."""
    statement = Statement.objects.get(pk=version.statement_id)
    language = version.language
    changed = []
    for key in (HERO_ALT, HERO_CAPTION, WITHDRAWAL):
        if key not in values:
            continue
        texts = dict(getattr(statement, key) or {})
        new = (values[key] or "").strip()
        if texts.get(language, "") != new:
            if new:
                texts[language] = new
            else:
                texts.pop(language, None)
            setattr(statement, key, texts)
            changed.append(key)
    if changed:
        # A real save: the change is a revision in the history and the page
        # cache hears of it.
        statement.updated_by = user
        statement.save(
            update_fields=[*changed, "updated_by", "lock_version", "updated_at"]
        )
    for attachment in Attachment.objects.filter(statement=statement):
        key = f"{ATTACHMENT}{attachment.pk}"
        if key not in values:
            continue
        titles = dict(attachment.title or {})
        new = (values[key] or "").strip()
        if titles.get(language, "") != new:
            titles[language] = new
            attachment.title = titles
            attachment.save(update_fields=["title"])


def missing(version, draft=None):
    """What readers of this language would lack, in sentences for the page and
    for the editor before they approve."""
    values = current_values(version, draft)
    statement = version.statement
    problems = []
    if HERO_ALT in values and not values[HERO_ALT].strip():
        problems.append(_("The hero image has no text alternative in this language."))
    attachments = _attachments(statement)
    for pk, attachment in attachments.items():
        if not values.get(f"{ATTACHMENT}{pk}", "").strip():
            problems.append(
                _("The attachment “%(name)s” has no title in this language.")
                % {"name": attachment_name(attachment, statement)}
            )
    if WITHDRAWAL in values and not values[WITHDRAWAL].strip():
        problems.append(_("The withdrawal notice is not written in this language."))
    return problems


def attachment_name(attachment, statement):
    """The attachment as the original names it, else its file's name."""
    titles = attachment.title or {}
    return (
        titles.get(statement.original_language)
        or (attachment.file.name.rsplit("/", 1)[-1])
    )
