"""The readers app's tables, from its models.

It takes the place of the previous 0001_initial under the same name, so a
database that applied that one has it recorded already; it depends on the
statements app's squashed 0001_initial instead of 0012_search_vector. The
project code it names is what its fields are made of: statements.models.fields'
TranslatedTextField and the subscriber key's default, readers.models._new_key.
"""

import django.db.models.deletion
from django.db import migrations, models

import readers.models
import statements.models.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("statements", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfficeContact",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "name",
                    statements.models.fields.TranslatedTextField(
                        help_text="As it appears on letters and on printed statements.",
                        verbose_name="office name",
                    ),
                ),
                (
                    "address",
                    statements.models.fields.TranslatedTextField(
                        help_text="The postal address, one line per line of the envelope.",
                        multiline=True,
                        verbose_name="address",
                    ),
                ),
                (
                    "telephone",
                    models.CharField(
                        blank=True,
                        help_text="e.g. +994 12 498 23 88",
                        max_length=60,
                        verbose_name="telephone",
                    ),
                ),
                (
                    "hotline",
                    models.CharField(
                        blank=True,
                        help_text="A short free number for complaints, if the office has one.",
                        max_length=60,
                        verbose_name="hotline",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="e-mail"
                    ),
                ),
                (
                    "opening_hours",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="When visitors are received, e.g. Monday to Friday, 9:00–18:00.",
                        multiline=True,
                        verbose_name="opening hours",
                    ),
                ),
                (
                    "complaints",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="Who may complain, how (online, by post, in person) and what to enclose. Paragraphs are separated by an empty line.",
                        multiline=True,
                        verbose_name="how to complain",
                    ),
                ),
                (
                    "press_name",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="The press office or person journalists should ask for.",
                        verbose_name="press contact",
                    ),
                ),
                (
                    "press_telephone",
                    models.CharField(
                        blank=True, max_length=60, verbose_name="press telephone"
                    ),
                ),
                (
                    "press_email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="press e-mail"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
            ],
            options={
                "verbose_name": "office contact details",
                "verbose_name_plural": "office contact details",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="office_contact_one_row"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "kinds",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Only these kinds of statement; none means all.",
                        verbose_name="kinds",
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        default=readers.models._new_key, editable=False, max_length=64
                    ),
                ),
                ("confirmed_at", models.DateTimeField(verbose_name="confirmed at")),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Only statements on these topics; none means all.",
                        related_name="+",
                        to="statements.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
            options={
                "verbose_name": "subscriber",
                "verbose_name_plural": "subscribers",
                "ordering": ["-confirmed_at"],
            },
        ),
        migrations.CreateModel(
            name="Alert",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="planned at"),
                ),
                (
                    "claimed_until",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                (
                    "sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="statements.statement",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="alerts",
                        to="readers.subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name": "alert",
                "verbose_name_plural": "alerts sent",
                "ordering": ["-created_at"],
            },
        ),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                fields=("email",), name="subscriber_email_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                fields=("key",), name="subscriber_key_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="alert",
            index=models.Index(
                condition=models.Q(("sent_at__isnull", True)),
                fields=["created_at"],
                name="alert_unsent",
            ),
        ),
        migrations.AddConstraint(
            model_name="alert",
            constraint=models.UniqueConstraint(
                fields=("subscriber", "statement"), name="alert_once_per_statement"
            ),
        ),
    ]
