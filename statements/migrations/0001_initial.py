"""The statements app's tables, from its models, and the search storage they
do not describe.

It replaces 0001_initial to 0018_drafts_and_facts. It names no project code but
the field classes and upload_to callables its fields are made of: migrations
that import the live application break when that code changes, and ones that
read settings.LANGUAGES write a different database for a different list.

The search storage (statements/search_index.py, docs/search.md) is here as
literal SQL, per database, because the ORM describes neither:

- PostgreSQL: ``search_vector``, a plain tsvector column the app writes from
  its own pipeline's terms, and its GIN index, partial because only released
  versions are ever searched. No text-search configuration is involved, so
  the column is the same for every language, and adding a language rewrites
  no table.
- SQLite: ``statements_search``, an FTS5 table with a row per released
  version. Its tokenizer only splits on the spaces between the pipeline's
  terms.

The role groups are not made here: statements.apps syncs them with
statements.roles after every migrate.
"""

import django.db.models.deletion
import django.db.models.functions.datetime
import django.utils.timezone
from django.db import migrations, models

import statements.content.uploads
import statements.models.fields

# (create, drop) statements for each database vendor; others get neither.
SEARCH_STORAGE = {
    "postgresql": (
        [
            "ALTER TABLE statements_statementversion ADD COLUMN search_vector tsvector",
            "CREATE INDEX version_search ON statements_statementversion "
            "USING gin (search_vector) WHERE released_at IS NOT NULL",
        ],
        [
            "DROP INDEX IF EXISTS version_search",
            "ALTER TABLE statements_statementversion DROP COLUMN IF EXISTS search_vector",
        ],
    ),
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE statements_search USING fts5("
            "statement_id UNINDEXED, title, meta, body, alt, "
            "tokenize = 'unicode61 remove_diacritics 0')",
        ],
        ["DROP TABLE IF EXISTS statements_search"],
    ),
}


def create_search_storage(apps, schema_editor):
    create, _drop = SEARCH_STORAGE.get(schema_editor.connection.vendor, ([], []))
    for sql in create:
        schema_editor.execute(sql)


def drop_search_storage(apps, schema_editor):
    _create, drop = SEARCH_STORAGE.get(schema_editor.connection.vendor, ([], []))
    for sql in drop:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True

    # 0001_initial itself is not listed: this migration has its name, so a
    # database that applied the old one has it recorded already.
    replaces = [
        ("statements", "0002_roles"),
        ("statements", "0003_search_redirects_sizes"),
        ("statements", "0004_postgresql_search"),
        ("statements", "0005_coverage_url_https"),
        ("statements", "0006_workflow"),
        ("statements", "0007_workflow_roles"),
        ("statements", "0008_hero_renditions"),
        ("statements", "0009_translation_tracking_and_reminders"),
        ("statements", "0010_labels"),
        ("statements", "0011_release_state"),
        ("statements", "0012_search_vector"),
        ("statements", "0013_editions"),
        ("statements", "0014_search_pipeline"),
        ("statements", "0015_faults"),
        ("statements", "0016_staff_language"),
        ("statements", "0017_translators_round_two"),
        ("statements", "0018_drafts_and_facts"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentStamp",
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
                ("value", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "content stamp",
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="ReferenceCounter",
            fields=[
                (
                    "year",
                    models.PositiveSmallIntegerField(primary_key=True, serialize=False),
                ),
                ("last_number", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "reference counter",
                "verbose_name_plural": "reference counters",
            },
        ),
        migrations.CreateModel(
            name="Term",
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
                    "texts",
                    statements.models.fields.TranslatedTextField(
                        help_text="The term in each language, as it must be translated. A form that changes its ending (Müvəkkilin) is found by its beginning.",
                        verbose_name="term",
                    ),
                ),
                (
                    "note",
                    models.CharField(blank=True, max_length=300, verbose_name="note"),
                ),
            ],
            options={
                "verbose_name": "term",
                "verbose_name_plural": "term base",
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="Commemoration",
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
                    "key",
                    models.SlugField(
                        help_text="A short stable identifier used in URLs and imports.",
                        max_length=60,
                        verbose_name="key",
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="The day the event happened; it is remembered every year.",
                        verbose_name="date of the event",
                    ),
                ),
                (
                    "name",
                    statements.models.fields.TranslatedTextField(verbose_name="name"),
                ),
                (
                    "description",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        max_chars=5000,
                        multiline=True,
                        verbose_name="description",
                    ),
                ),
            ],
            options={
                "verbose_name": "commemoration",
                "verbose_name_plural": "commemorations",
                "ordering": [
                    django.db.models.functions.datetime.ExtractMonth("date"),
                    django.db.models.functions.datetime.ExtractDay("date"),
                    "key",
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("key",), name="commemoration_key_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CommemorationFigure",
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
                    "label",
                    statements.models.fields.TranslatedTextField(
                        help_text="What is counted, e.g. killed, injured, detained.",
                        verbose_name="label",
                    ),
                ),
                ("value", models.PositiveBigIntegerField(verbose_name="value")),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="position"
                    ),
                ),
                (
                    "commemoration",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="statements.commemoration",
                    ),
                ),
            ],
            options={
                "verbose_name": "key figure",
                "verbose_name_plural": "key figures",
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="Person",
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
                    "key",
                    models.SlugField(
                        help_text="A short stable identifier used by imports, e.g. commissioner.",
                        max_length=60,
                        verbose_name="key",
                    ),
                ),
                (
                    "name",
                    statements.models.fields.TranslatedTextField(
                        help_text="The full name as printed.", verbose_name="name"
                    ),
                ),
                (
                    "role",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="The office held, e.g. Commissioner for Human Rights.",
                        verbose_name="role",
                    ),
                ),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "people",
                "ordering": ["key"],
                "constraints": [
                    models.UniqueConstraint(fields=("key",), name="person_key_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="StaffProfile",
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
                    "languages",
                    statements.models.fields.LanguageListField(
                        blank=True,
                        default=list,
                        help_text="The languages this person may translate into.",
                        max_length=100,
                        verbose_name="translation languages",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        help_text="Reminders are written in this language; empty means English.",
                        max_length=10,
                        verbose_name="language of e-mails",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="profile",
                        to="auth.user",
                    ),
                ),
            ],
            options={
                "verbose_name": "staff profile",
                "verbose_name_plural": "staff profiles",
            },
        ),
        migrations.CreateModel(
            name="Statement",
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
                    "slug",
                    models.SlugField(
                        blank=True,
                        help_text="The web address, the same in every language. Leave blank to make one from the original title.",
                        max_length=100,
                        verbose_name="slug",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("press_release", "press release"),
                            ("statement", "statement"),
                            ("anniversary", "anniversary statement"),
                        ],
                        default="statement",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "reference_number",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Given on first publication, in sequence within the year.",
                        null=True,
                        verbose_name="reference number",
                    ),
                ),
                (
                    "reference_year",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="reference year"
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When the statement is issued and may appear on the site. Leave blank while it is not scheduled.",
                        null=True,
                        verbose_name="issued at",
                    ),
                ),
                (
                    "original_language",
                    models.CharField(
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        default="az",
                        help_text="The language the statement was written in.",
                        max_length=10,
                        verbose_name="original language",
                    ),
                ),
                (
                    "required_languages",
                    statements.models.fields.LanguageListField(
                        blank=True,
                        default=list,
                        help_text="The statement goes public only when these languages are approved, all at the same moment.",
                        max_length=100,
                        verbose_name="languages required for release",
                    ),
                ),
                (
                    "anniversary_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="For an anniversary statement: the year it marks, e.g. 2025.",
                        null=True,
                        verbose_name="anniversary year",
                    ),
                ),
                (
                    "hero_image",
                    models.ImageField(
                        blank=True,
                        height_field="hero_image_height",
                        help_text="JPEG, PNG, GIF or WebP; shown at the top of the statement.",
                        upload_to=statements.content.uploads.hero_image_path,
                        verbose_name="hero image",
                        width_field="hero_image_width",
                    ),
                ),
                (
                    "hero_image_width",
                    models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "hero_image_height",
                    models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "hero_image_renditions",
                    models.JSONField(blank=True, default=dict, editable=False),
                ),
                (
                    "hero_image_alt",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="What the image shows, for readers who cannot see it. Required in a language before that language can be published.",
                        verbose_name="hero image text alternative",
                    ),
                ),
                (
                    "hero_image_caption",
                    statements.models.fields.TranslatedTextField(
                        blank=True, verbose_name="hero image caption"
                    ),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="withdrawn at"
                    ),
                ),
                (
                    "withdrawal_reason",
                    statements.models.fields.TranslatedTextField(
                        blank=True,
                        help_text="Shown on the page, in each language, once withdrawn.",
                        multiline=True,
                        verbose_name="reason for withdrawal",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "released_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="The issue time once every required language is published; kept up to date on every save.",
                        null=True,
                        verbose_name="released at",
                    ),
                ),
                (
                    "lock_version",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                (
                    "commemoration",
                    models.ForeignKey(
                        blank=True,
                        help_text="For an anniversary statement: the event it marks.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="statements",
                        to="statements.commemoration",
                        verbose_name="commemoration",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="created by",
                    ),
                ),
                (
                    "issued_by",
                    models.ForeignKey(
                        help_text="The person in whose name the statement is issued.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="statements",
                        to="statements.person",
                        verbose_name="issued by",
                    ),
                ),
                (
                    "related",
                    models.ManyToManyField(
                        blank=True,
                        related_name="related_from",
                        to="statements.statement",
                        verbose_name="related statements",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="last saved by",
                    ),
                ),
            ],
            options={
                "verbose_name": "statement",
                "verbose_name_plural": "statements",
                "ordering": ["-publish_at", "-id"],
                "permissions": [
                    ("schedule_statement", "Can schedule and publish statements"),
                    ("withdraw_statement", "Can withdraw and reinstate statements"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Distribution",
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
                    "recipient",
                    statements.models.fields.TranslatedTextField(
                        help_text="e.g. the United Nations, the OSCE.",
                        verbose_name="recipient",
                    ),
                ),
                (
                    "date",
                    models.DateField(blank=True, null=True, verbose_name="date sent"),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sent_to",
                        to="statements.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "recipient",
                "verbose_name_plural": "sent to",
                "ordering": ["date", "id"],
            },
        ),
        migrations.CreateModel(
            name="Attachment",
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
                    "file",
                    models.FileField(
                        help_text="A PDF, e.g. the signed copy.",
                        upload_to=statements.content.uploads.attachment_path,
                        verbose_name="file",
                    ),
                ),
                (
                    "title",
                    statements.models.fields.TranslatedTextField(verbose_name="title"),
                ),
                (
                    "size",
                    models.PositiveBigIntegerField(
                        default=0, editable=False, verbose_name="size in bytes"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="position"
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="statements.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="StatementVersion",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="The lead: one or two sentences shown in lists and feeds.",
                        max_length=1000,
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Cleaned on save: scripts, styles and unsafe links are removed.",
                        max_length=200000,
                        verbose_name="body",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("review", "in review"),
                            ("published", "approved"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="approved at",
                    ),
                ),
                (
                    "search_document",
                    models.TextField(
                        blank=True,
                        editable=False,
                        help_text="Title, summary and body as case-folded plain text, for search.",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="submitted at",
                    ),
                ),
                (
                    "self_approved",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        verbose_name="approved by the person who submitted it",
                    ),
                ),
                (
                    "review_comment",
                    models.TextField(
                        blank=True,
                        editable=False,
                        help_text="Why the version was sent back for changes.",
                        verbose_name="reviewer's comment",
                    ),
                ),
                (
                    "last_substantive_change_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="last updated",
                    ),
                ),
                (
                    "source_language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        help_text="The version this one was translated from.",
                        max_length=10,
                        verbose_name="translated from",
                    ),
                ),
                (
                    "source_text",
                    models.TextField(
                        blank=True,
                        editable=False,
                        help_text="The source's title, summary and body as plain text, one paragraph a line, as they were when this translation was last brought up to date; compared with the source now to show what changed.",
                        verbose_name="source text when translated",
                    ),
                ),
                (
                    "outdated_since",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="Set when its source changed in substance after translation.",
                        null=True,
                        verbose_name="outdated since",
                    ),
                ),
                (
                    "released_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="The statement's release time while this version is published.",
                        null=True,
                        verbose_name="released at",
                    ),
                ),
                (
                    "lock_version",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="approved by",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="statement_versions",
                        to="auth.user",
                        verbose_name="written or translated by",
                    ),
                ),
                (
                    "edited_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="Who may not approve it: a text is approved by another person.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="text last changed by",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="statements.statement",
                        verbose_name="statement",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="submitted by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="last saved by",
                    ),
                ),
            ],
            options={
                "verbose_name": "language version",
                "verbose_name_plural": "language versions",
                "ordering": ["statement", "language"],
                "permissions": [
                    ("publish_statementversion", "Can approve and publish versions")
                ],
            },
        ),
        migrations.CreateModel(
            name="Correction",
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
                    "at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        help_text="What was corrected, in this language.",
                        max_length=2000,
                        verbose_name="correction note",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="statements.statementversion",
                        verbose_name="language version",
                    ),
                ),
            ],
            options={
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
                "ordering": ["at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Topic",
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
                    "key",
                    models.SlugField(
                        help_text="A short stable identifier used in URLs and imports.",
                        max_length=60,
                        verbose_name="key",
                    ),
                ),
                (
                    "name",
                    statements.models.fields.TranslatedTextField(verbose_name="name"),
                ),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["key"],
                "constraints": [
                    models.UniqueConstraint(fields=("key",), name="topic_key_unique")
                ],
            },
        ),
        migrations.AddField(
            model_name="statement",
            name="topics",
            field=models.ManyToManyField(
                blank=True,
                related_name="statements",
                to="statements.topic",
                verbose_name="topics",
            ),
        ),
        migrations.CreateModel(
            name="WorkingDraft",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "summary",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="summary"
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, max_length=200000, verbose_name="body"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "draft"), ("review", "in review")],
                        default="draft",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "change_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "minor",
                                "minor: a typo or formatting, readers are not told",
                            ),
                            (
                                "substantive",
                                "substantive: readers see a dated correction note",
                            ),
                        ],
                        max_length=20,
                        verbose_name="this change is",
                    ),
                ),
                (
                    "correction_note",
                    models.TextField(
                        blank=True, max_length=2000, verbose_name="correction note"
                    ),
                ),
                (
                    "source_text",
                    models.TextField(
                        blank=True,
                        help_text="Set when the translator marked the draft up to date with its source; the live version takes it (and loses its outdated mark) when the draft is approved.",
                        verbose_name="source text it is up to date with",
                    ),
                ),
                (
                    "language_fields",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="The version's language's hero image alt text and caption, attachment titles and withdrawal notice as the draft has them; written to the statement when the draft is approved (statements.language_fields).",
                        verbose_name="image, attachment and withdrawal texts",
                    ),
                ),
                (
                    "restored_from",
                    models.CharField(
                        blank=True,
                        help_text="When the revision this draft was restored from was saved, or “import” for a draft an import file made.",
                        max_length=40,
                        verbose_name="restored from",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="submitted at"
                    ),
                ),
                (
                    "review_comment",
                    models.TextField(blank=True, verbose_name="reviewer's comment"),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="started by",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="submitted by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="last saved by",
                    ),
                ),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="working_draft",
                        to="statements.statementversion",
                        verbose_name="language version",
                    ),
                ),
            ],
            options={
                "verbose_name": "working draft",
                "verbose_name_plural": "working drafts",
            },
        ),
        migrations.CreateModel(
            name="ReminderSent",
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
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "days_before",
                    models.PositiveSmallIntegerField(verbose_name="days before"),
                ),
                (
                    "sent_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="sent at"
                    ),
                ),
                (
                    "commemoration",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="statements.commemoration",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="auth.user",
                    ),
                ),
            ],
            options={
                "verbose_name": "anniversary reminder",
                "verbose_name_plural": "anniversary reminders",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("commemoration", "year", "days_before", "recipient"),
                        name="reminder_once",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SlugRedirect",
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
                ("old_slug", models.SlugField(max_length=100, verbose_name="old slug")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="statements.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "old address",
                "verbose_name_plural": "old addresses",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("old_slug",), name="slug_redirect_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Coverage",
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
                ("outlet", models.CharField(max_length=200, verbose_name="outlet")),
                (
                    "url",
                    statements.models.fields.WebAddressField(
                        blank=True, max_length=500, verbose_name="link"
                    ),
                ),
                ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                (
                    "language",
                    models.CharField(
                        blank=True,
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
                    "reporter",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="reporter"
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="coverage",
                        to="statements.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "report in the media",
                "verbose_name_plural": "coverage",
                "ordering": ["date", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("language", ""),
                            ("language__in", ["az", "en", "ru"]),
                            _connector="OR",
                        ),
                        name="coverage_language_known",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditEntry",
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
                    "at",
                    models.DateTimeField(
                        db_index=True,
                        default=django.utils.timezone.now,
                        verbose_name="when",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        blank=True, max_length=150, verbose_name="user name"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("submitted", "submitted for review"),
                            ("changes_requested", "requested changes"),
                            ("approved", "approved and published"),
                            ("self_approved", "published own work"),
                            ("scheduled", "scheduled"),
                            ("published_now", "published now"),
                            ("withdrawn", "withdrew"),
                            ("reinstated", "reinstated"),
                            ("reference_given", "gave the reference number"),
                            ("corrected", "published a correction"),
                            ("restored", "restored a revision as a draft"),
                            ("draft_started", "started a draft of a public text"),
                            ("draft_discarded", "discarded a draft"),
                            ("submission_withdrawn", "took back a submission"),
                            ("unscheduled", "cancelled the schedule"),
                            ("conflict_overridden", "kept own text over another's"),
                            (
                                "facts_changed",
                                "changed a public statement's shared facts",
                            ),
                            ("logged_in", "logged in"),
                            ("login_failed", "failed to log in"),
                        ],
                        max_length=30,
                        verbose_name="action",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("az", "Azerbaijani"),
                            ("en", "English"),
                            ("ru", "Russian"),
                        ],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                ("detail", models.TextField(blank=True, verbose_name="detail")),
                (
                    "address",
                    models.GenericIPAddressField(
                        blank=True, null=True, verbose_name="address"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.user",
                        verbose_name="who",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="audit_entries",
                        to="statements.statement",
                        verbose_name="statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit log entry",
                "verbose_name_plural": "audit log entries",
                "ordering": ["-at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("language", ""),
                            ("language__in", ["az", "en", "ru"]),
                            _connector="OR",
                        ),
                        name="audit_language_known",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="statementversion",
            index=models.Index(
                fields=["language", "status", "statement"], name="version_lang_status"
            ),
        ),
        migrations.AddIndex(
            model_name="statementversion",
            index=models.Index(
                models.F("language"),
                models.OrderBy(models.F("released_at"), descending=True),
                models.OrderBy(models.F("statement_id"), descending=True),
                condition=models.Q(("released_at__isnull", False)),
                name="version_public_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="statementversion",
            constraint=models.UniqueConstraint(
                fields=("statement", "language"),
                name="version_one_per_language",
                violation_error_message="This statement already has a version in that language.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statementversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["az", "en", "ru"])),
                name="version_language_known",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["publish_at"], name="statement_publish_at"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.OrderBy(models.F("released_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("released_at__isnull", False)),
                name="statement_released",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.UniqueConstraint(
                fields=("slug",), name="statement_slug_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.UniqueConstraint(
                fields=("reference_year", "reference_number"),
                name="statement_reference_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("reference_number__isnull", True),
                        ("reference_year__isnull", True),
                    ),
                    models.Q(
                        ("reference_number__gte", 1), ("reference_year__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="statement_reference_complete",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "anniversary"), _negated=True),
                    models.Q(
                        ("anniversary_year__isnull", False),
                        ("commemoration__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="statement_anniversary_has_commemoration_and_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True),
                name="statement_slug_not_empty",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(("original_language__in", ["az", "en", "ru"])),
                name="statement_original_language_known",
            ),
        ),
        migrations.RunPython(create_search_storage, drop_search_storage),
    ]
