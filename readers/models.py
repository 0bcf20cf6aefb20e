"""The office's contact details and the readers who asked for e-mail alerts."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from statements.i18n.languages import localized
from statements.models import Statement, Topic, language_field
from statements.models.fields import TranslatedTextField


def _new_key():
    return secrets.token_urlsafe(24)


class OfficeContact(models.Model):
    """How to reach the office: one row, each text in every site language."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = TranslatedTextField(
        _("office name"),
        help_text=_("As it appears on letters and on printed statements."),
    )
    address = TranslatedTextField(
        pgettext_lazy("postal", "address"),
        multiline=True,
        help_text=_("The postal address, one line per line of the envelope."),
    )
    telephone = models.CharField(
        _("telephone"), max_length=60, blank=True, help_text=_("e.g. +994 12 498 23 88")
    )
    hotline = models.CharField(
        _("hotline"),
        max_length=60,
        blank=True,
        help_text=_("A short free number for complaints, if the office has one."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = TranslatedTextField(
        _("opening hours"),
        multiline=True,
        blank=True,
        help_text=_("When visitors are received, e.g. Monday to Friday, 9:00–18:00."),
    )
    complaints = TranslatedTextField(
        _("how to complain"),
        multiline=True,
        blank=True,
        help_text=_(
            "Who may complain, how (online, by post, in person) and what to "
            "enclose. Paragraphs are separated by an empty line."
        ),
    )
    press_name = TranslatedTextField(
        _("press contact"),
        blank=True,
        help_text=_("The press office or person journalists should ask for."),
    )
    press_telephone = models.CharField(_("press telephone"), max_length=60, blank=True)
    press_email = models.EmailField(_("press e-mail"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("office contact details")
        verbose_name_plural = _("office contact details")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="office_contact_one_row"),
        ]

    def __str__(self):
        return str(_("Office contact details"))

    def save(self, *args, **kwargs):
        self.id = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The office's details, or an empty unsaved row before anyone wrote them."""
        return cls.objects.filter(id=1).first() or cls()

    def name_in(self, language):
        return localized(self.name, language)


class Subscriber(models.Model):
    """A reader whose address was confirmed by following the link sent to it.

    Nothing is stored before that: the pending choice travels in the signed
    confirmation link, so an address typed by someone else leaves no row.
    """

    email = models.EmailField(_("e-mail"), max_length=254)
    language = language_field()
    kinds = models.JSONField(
        _("kinds"),
        default=list,
        blank=True,
        help_text=_("Only these kinds of statement; none means all."),
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Only statements on these topics; none means all."),
    )
    # The secret in the unsubscribe link: random, so that no address or
    # number can be turned into someone else's link.
    key = models.CharField(max_length=64, default=_new_key, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["email"], name="subscriber_email_unique"),
            models.UniqueConstraint(fields=["key"], name="subscriber_key_unique"),
        ]

    def __str__(self):
        return self.email

    def wants(self, statement, topic_ids):
        """Whether ``statement`` (with its topics' ids) matches this reader's choice."""
        if self.kinds and statement.kind not in self.kinds:
            return False
        wanted = {topic.pk for topic in self.topics.all()}
        return not wanted or bool(wanted & set(topic_ids))


class Alert(models.Model):
    """One e-mail about one statement to one subscriber: planned, then sent.

    The unique pair is what makes an alert go out once however many senders
    run: each sender claims a row before sending (see readers.alerts).
    """

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="alerts"
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    language = language_field()
    created_at = models.DateTimeField(_("planned at"), auto_now_add=True)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts sent")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "statement"], name="alert_once_per_statement"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="alert_unsent",
            ),
        ]

    def __str__(self):
        return f"{self.subscriber} · {self.statement}"
