"""The benchmark's PostgreSQL database: created, migrated and filled fast.

``N`` statements, each with a version in az, en and ru (~700 words of
English, the same text in the other two), topics, people, three
commemorations, ~5% anniversary statements, hero images on ~30%, coverage,
distribution, attachments, corrections and related statements, issued over
fifteen years with references numbered per year. The big tables are loaded
with COPY with their secondary indexes dropped and rebuilt afterwards, then
the database is vacuumed and analysed.

Everything is drawn from ``random.Random(seed)``: the same scale and seed
give the same database. COPY bypasses ``StatementVersion.save()`` and the
search index's signals, so the loader does their work as they would: bodies
go through the app's own sanitiser, ``search_document`` is filled as
``save()`` fills it, and the search terms are written with the rows
(search_terms.py) rather than reindexed afterwards. The versions are made
in worker processes while the main one copies them in.
"""

import datetime
import io
import json
import multiprocessing
import os
import random
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from . import content, search_terms
from .app import app
from .common import ROOT

DEMO = ROOT / "demo" / "demo.json"
# Bump when the generated data changes shape, so old bench databases are redone.
GENERATOR_VERSION = 3
MARKER_TABLE = "bench_info"
LANGUAGES = ("az", "en", "ru")
YEARS = 15
IMAGE_COUNT = len(content.IMAGE_ALTS)
IMAGE_SIZE = (1600, 900)
BAKU = datetime.timezone(datetime.timedelta(hours=4))


# -- the database itself --------------------------------------------------------


def parse_url(url):
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit(f"DATABASE_URL must be a PostgreSQL URL, not {url!r}")
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"DATABASE_URL {url!r} names no database")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password,
        "dbname": name,
    }


def connect(url, dbname=None):
    params = parse_url(url)
    if dbname:
        params["dbname"] = dbname
    params = {key: value for key, value in params.items() if value is not None}
    return psycopg.connect(**params, autocommit=True, connect_timeout=10)


def database_state(url):
    """What the database is: ``None`` when it does not exist, ``{"empty":
    True}`` when it has no tables, the bench's marker (``{"scale": …,
    "generator": …, "seed": …}``) when the bench made it, else ``{"foreign":
    reason}``: not the bench's, never to be touched."""
    name = parse_url(url)["dbname"]
    try:
        with connect(url, "postgres") as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"Cannot reach PostgreSQL for {name!r}: {error}\n"
            "Start the local server (pg_ctlcluster 15 main start) or set "
            "DATABASE_URL."
        ) from None
    if not exists:
        return None
    with connect(url) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        }
        if MARKER_TABLE in tables:
            row = conn.execute(
                f"SELECT scale, generator, seed FROM {MARKER_TABLE} LIMIT 1"
            ).fetchone()
            scale, generator, seed = row or (None, None, None)
            return {"scale": scale, "generator": generator, "seed": seed}
    if not tables:
        return {"empty": True}
    return {"foreign": f"it has {len(tables)} tables and was not made by the bench"}


def drop_database(url):
    name = parse_url(url)["dbname"]
    with connect(url, "postgres") as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )


def create_database(url):
    name = parse_url(url)["dbname"]
    with connect(url, "postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def set_jit(url, server_default):
    """The settings docs/deployment.md recommends, for the bench database:
    jit=off (or, with ``server_default``, the server's own JIT setting back)
    and random_page_cost=1.1; applies to sessions opened afterwards."""
    name = sql.Identifier(parse_url(url)["dbname"])
    with connect(url, "postgres") as admin:
        if server_default:
            admin.execute(sql.SQL("ALTER DATABASE {} RESET jit").format(name))
        else:
            admin.execute(sql.SQL("ALTER DATABASE {} SET jit = off").format(name))
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET random_page_cost = 1.1").format(name)
        )


def write_marker(url, scale, seed, seconds, counts):
    with connect(url) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (scale integer, "
            "generator integer, seed integer, generated_at timestamptz, "
            "seconds double precision, counts jsonb)"
        )
        conn.execute(f"DELETE FROM {MARKER_TABLE}")
        conn.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, now(), %s, %s)",
            [scale, GENERATOR_VERSION, seed, seconds, json.dumps(counts)],
        )


def marker_details(url):
    with connect(url) as conn:
        row = conn.execute(
            f"SELECT generated_at, seconds, counts FROM {MARKER_TABLE} LIMIT 1"
        ).fetchone()
    return {"generated_at": row[0].isoformat(), "seconds": row[1], "counts": row[2]}


def schema_problems():
    """What keeps the migrated database from the code's schema: migrations
    not applied (a squashed chain counts as applied once all it replaces
    are), tables or columns the models have and the database lacks, and the
    search storage."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    problems = []
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    problems += [f"migration {m.app_label}.{m.name} not applied" for m, _ in pending]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy:
                continue
            if meta.db_table not in tables:
                problems.append(f"table {meta.db_table} missing")
                continue
            columns = {
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, meta.db_table
                )
            }
            problems += [
                f"column {meta.db_table}.{field.column} missing"
                for field in meta.local_concrete_fields
                if field.column not in columns
            ]
        version_table = app().search_index.VERSION_TABLE
        if connection.vendor == "postgresql" and version_table in tables:
            described = connection.introspection.get_table_description(
                cursor, version_table
            )
            if "search_vector" not in {column.name for column in described}:
                problems.append(f"column {version_table}.search_vector missing")
    return problems


def versions_without_search_terms():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {app().search_index.VERSION_TABLE} "
            "WHERE released_at IS NOT NULL AND search_vector IS NULL"
        )
        return cursor.fetchone()[0]


def reindex_search():
    """The app's own reindex of every version: slow, but what it stores."""
    app().search_index.reindex()


def vacuum_analyze(url):
    with connect(url) as conn:
        conn.execute("VACUUM (ANALYZE)")


# -- media ---------------------------------------------------------------------


def image_name(index):
    return f"bench/hero-{index + 1}.jpg"


ATTACHMENT_NAME = "bench/statement-signed.pdf"


def write_media(media_root):
    """The hero images and the PDF the generated statements refer to."""
    from PIL import Image, ImageDraw

    media_root = Path(media_root)
    (media_root / "bench").mkdir(parents=True, exist_ok=True)
    palette = [
        ((20, 40, 90), (200, 215, 235)),
        ((170, 30, 40), (250, 250, 250)),
        ((30, 110, 60), (240, 210, 60)),
        ((120, 120, 125), (240, 140, 40)),
        ((90, 40, 120), (250, 250, 250)),
        ((40, 170, 170), (20, 50, 60)),
    ]
    width, height = IMAGE_SIZE
    for index, (background, foreground) in enumerate(palette):
        path = media_root / image_name(index)
        if path.exists():
            continue
        image = Image.new("RGB", IMAGE_SIZE, background)
        draw = ImageDraw.Draw(image)
        shape_rng = random.Random(index)
        for step in range(14):
            x = shape_rng.randrange(width)
            y = shape_rng.randrange(height)
            size = shape_rng.randrange(40, 220)
            if index == 0:
                draw.rectangle([0, step * 64, width, step * 64 + 18], fill=foreground)
            elif index == 2:
                draw.line([x, 0, x + 400, height], fill=foreground, width=16)
            elif index == 3:
                draw.rectangle([x, y, x + size * 2, y + size], fill=foreground)
            elif index == 5:
                draw.arc([x - 300, y, x + 300, y + size], 0, 180, foreground, 10)
            else:
                draw.ellipse([x, y, x + size, y + size], fill=foreground)
        # Some noise so the JPEG is photo-sized rather than a few kilobytes.
        noise = Image.effect_noise(IMAGE_SIZE, 24).convert("RGB")
        image = Image.blend(image, noise, 0.12)
        image.save(path, "JPEG", quality=85)
    pdf = media_root / ATTACHMENT_NAME
    if not pdf.exists():
        pdf.write_bytes(minimal_pdf())
    return media_root


def minimal_pdf():
    """A small valid one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


# -- the plan: every random choice, made once ----------------------------------


def _words(text):
    return len(text.split())


GENERAL_WORDS = [_words(t.en) for t in content.GENERAL]


class Plan:
    """One statement's random choices; its rows are built from these."""

    __slots__ = (
        "id",
        "slug",
        "kind",
        "publish_at",
        "state",
        "theme",
        "title_index",
        "place",
        "general",
        "heading",
        "quote",
        "closing",
        "has_list",
        "has_link",
        "commemoration",
        "anniversary_year",
        "issued_by",
        "original",
        "required",
        "missing_language",
        "topics",
        "image",
        "caption",
        "coverage",
        "sent_to",
        "attachment",
        "correction_language",
        "related",
        "withdrawn",
        "reference",
    )


def make_plans(scale, seed, now, commemorations, people, topic_keys):
    """Choices for ``scale`` statements, in publication order (ids ascending)."""
    rng = random.Random(seed)
    start = now - datetime.timedelta(days=365 * YEARS)
    span = (now - start).total_seconds() - 3600
    future = max(3, scale * 3 // 1000)
    drafts = max(5, scale // 100)
    plans = []
    for _ in range(scale):
        plan = Plan()
        plan.state = "released"
        plan.commemoration = None
        plan.anniversary_year = None
        roll = rng.random()
        if roll < 0.05:
            commemoration = rng.choice(commemorations)
            moment = start + datetime.timedelta(seconds=rng.random() * span)
            year = moment.year
            day = commemoration["date"].replace(year=year) - datetime.timedelta(days=1)
            publish_at = datetime.datetime.combine(
                day, datetime.time(10, rng.randrange(60)), BAKU
            )
            if publish_at >= now:
                year -= 1
                publish_at = publish_at.replace(year=year)
            plan.kind = "anniversary"
            plan.commemoration = commemoration
            plan.anniversary_year = year
            plan.theme = content.MEMORY
        else:
            publish_at = start + datetime.timedelta(seconds=rng.random() * span)
            plan.kind = "press_release" if roll < 0.65 else "statement"
            plan.theme = rng.choice(content.THEMES)
        plan.publish_at = publish_at.replace(microsecond=0)
        plans.append(plan)
    plans.sort(key=lambda p: p.publish_at)
    for plan in plans[-future:]:
        plan.state = "scheduled"
        plan.publish_at = now + datetime.timedelta(
            days=rng.randrange(2, 60), hours=rng.randrange(24)
        )
        if plan.kind == "anniversary":
            plan.anniversary_year = plan.publish_at.year
    for plan in rng.sample(plans[:-future], drafts):
        plan.state = rng.choice(["draft", "review"])
    plans.sort(key=lambda p: (p.state == "draft" or p.state == "review", p.publish_at))

    person_weights = [50, 35] + [15 / max(len(people) - 2, 1)] * (len(people) - 2)
    references = {}
    for index, plan in enumerate(plans, start=1):
        plan.id = index
        theme = plan.theme
        plan.title_index = rng.randrange(max(len(theme.titles), 1))
        plan.place = rng.choice(content.PLACES)
        order = list(range(len(content.GENERAL)))
        rng.shuffle(order)
        plan.has_list = rng.random() < 0.3
        plan.has_link = rng.random() < 0.2
        target = 700 - sum(_words(s.en) for s in theme.sentences) - 40
        target -= 45 if plan.has_list else 0
        target -= 20 if plan.has_link else 0
        chosen, words = [], 0
        for sentence in order:
            if words >= target:
                break
            chosen.append(sentence)
            words += GENERAL_WORDS[sentence]
        plan.general = chosen
        plan.heading = rng.randrange(len(content.HEADINGS))
        plan.quote = rng.randrange(len(content.QUOTES))
        plan.closing = rng.randrange(len(content.CLOSINGS))
        plan.issued_by = rng.choices(people, weights=person_weights)[0]
        plan.original = rng.choices(LANGUAGES, weights=[80, 10, 10])[0]
        plan.required = list(LANGUAGES)
        plan.missing_language = None
        if plan.state == "released" and rng.random() < 0.03:
            # Out in two languages only; the third is still in review.
            plan.missing_language = "ru" if plan.original != "ru" else "en"
            plan.required = [c for c in LANGUAGES if c != plan.missing_language]
        topics = [theme.topics[0]]
        topics += rng.sample(theme.topics[1:], rng.randrange(0, 2))
        if rng.random() < 0.25:
            topics.append(rng.choice(topic_keys))
        plan.topics = list(dict.fromkeys(topics))
        plan.image = rng.randrange(IMAGE_COUNT) if rng.random() < 0.3 else None
        plan.caption = plan.image is not None and rng.random() < 0.5
        plan.coverage = rng.randrange(1, 4) if rng.random() < 0.15 else 0
        plan.sent_to = rng.randrange(1, 3) if rng.random() < 0.08 else 0
        plan.attachment = rng.random() < 0.05
        plan.correction_language = (
            rng.choice(plan.required)
            if plan.state == "released" and rng.random() < 0.01
            else None
        )
        plan.related = (
            sorted(
                set(rng.sample(range(1, index), min(index - 1, rng.randrange(1, 4))))
            )
            if index > 10 and rng.random() < 0.2
            else []
        )
        plan.withdrawn = plan.state == "released" and rng.random() < 0.003
        plan.reference = None
        if plan.state == "released":
            year = plan.publish_at.astimezone(BAKU).year
            references[year] = references.get(year, 0) + 1
            plan.reference = (references[year], year)
        plan.slug = _slug(title_of(plan, "en"), plan.id)
    return plans, references


def _slug(title, number):
    from django.utils.text import slugify

    base = slugify(title)[:80].rstrip("-")
    if "-" in base and len(slugify(title)) > 80:
        base = base.rsplit("-", 1)[0]
    return f"{base}-{number}"


def _fill(text, plan):
    place = plan.place
    return text.format(
        place_en=place.en,
        place_az=place.az,
        place_ru=place.ru,
        place_ru_cap=place.ru[:1].upper() + place.ru[1:],
    )


def _capitalized(text):
    return text[:1].upper() + text[1:]


def title_of(plan, language):
    if plan.kind == "anniversary":
        anniversary_phrase = app().anniversary_phrase
        commemoration = plan.commemoration
        number = plan.anniversary_year - commemoration["date"].year
        return (
            f"{commemoration['name'][language]}: {anniversary_phrase(number, language)}"
        )
    template = getattr(plan.theme.titles[plan.title_index], language)
    return _capitalized(_fill(template, plan))


def summary_of(plan, language):
    return _fill(getattr(plan.theme.summary, language), plan)


def body_of(plan, language, speaker):
    """The version's body as the editor would produce it, before sanitising."""
    theme = plan.theme
    pick = lambda text: getattr(text, language)  # noqa: E731
    general = [pick(content.GENERAL[i]) for i in plan.general]
    half = len(general) // 2
    blocks = [
        "<p>" + " ".join(pick(s) for s in theme.sentences[:3]) + "</p>",
        f"<h2>{pick(theme.heading)}</h2>",
    ]
    blocks += _paragraphs(general[:half], plan.id)
    blocks.append(
        f"<blockquote>{pick(content.QUOTES[plan.quote]).format(name=speaker)}"
        "</blockquote>"
    )
    blocks.append(f"<h2>{pick(content.HEADINGS[plan.heading])}</h2>")
    blocks += _paragraphs(general[half:], plan.id + 1)
    if plan.has_list:
        items = "".join(f"<li>{pick(r)}</li>" for r in content.RECOMMENDATIONS)
        blocks.append(f"<p>{pick(content.RECOMMENDATIONS_LEAD)}</p><ul>{items}</ul>")
    blocks.append("<p>" + " ".join(pick(s) for s in theme.sentences[3:]) + "</p>")
    if plan.has_link:
        blocks.append(f"<p>{pick(content.LINK)}</p>")
    blocks.append(f"<p>{pick(content.CLOSINGS[plan.closing])}</p>")
    return "\n".join(blocks)


def _paragraphs(sentences, salt):
    sizes = [3, 4, 5, 4, 3]
    blocks, index, turn = [], 0, salt
    while index < len(sentences):
        size = sizes[turn % len(sizes)]
        blocks.append("<p>" + " ".join(sentences[index : index + size]) + "</p>")
        index += size
        turn += 1
    return blocks


# -- loading -------------------------------------------------------------------


def _copy(cursor, model, rows, fields=None, raw=()):
    """COPY ``rows`` (dicts keyed by attname) into ``model``'s table.

    ``raw`` names columns that are no model field (the search terms), copied
    from the row's value of that name as they are.
    """
    from django.db import connection

    fields = fields or list(model._meta.concrete_fields)
    columns = sql.SQL(", ").join(
        [sql.Identifier(f.column) for f in fields] + [sql.Identifier(c) for c in raw]
    )
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), columns
    )
    count = 0
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    field.get_db_prep_value(
                        row[field.attname]
                        if field.attname in row
                        else field.get_default(),
                        connection,
                    )
                    for field in fields
                ]
                + [row[column] for column in raw]
            )
            count += 1
    return count


def _secondary_indexes(cursor, table):
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = %s
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        """,
        [table],
    )
    return cursor.fetchall()


def generate(url, scale, seed, log):
    """Fill the (migrated, empty) database; returns counts and seconds."""
    from django.db import connection, transaction
    from django.utils import timezone

    modules = app()
    models = modules.models

    started = time.perf_counter()
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    now = timezone.now().replace(microsecond=0)

    people = [
        models.Person(key=p["key"], name=p["name"], role=p["role"])
        for p in demo["people"]
    ]
    people += [
        models.Person(key=key, name=name._asdict(), role=role._asdict())
        for key, (name, role) in content.EXTRA_PEOPLE.items()
    ]
    topics = [models.Topic(key=t["key"], name=t["name"]) for t in demo["topics"]]
    topics += [
        models.Topic(key=key, name=name._asdict())
        for key, name in content.EXTRA_TOPICS.items()
    ]
    commemorations = [
        models.Commemoration(
            key=c["key"],
            date=datetime.date.fromisoformat(c["date"]),
            name=c["name"],
            description=c.get("description", {}),
        )
        for c in demo["commemorations"][:3]
    ]
    with transaction.atomic():
        models.Person.objects.bulk_create(people)
        models.Topic.objects.bulk_create(topics)
        models.Commemoration.objects.bulk_create(commemorations)
        figures = []
        for commemoration, data in zip(
            commemorations, demo["commemorations"][:3], strict=True
        ):
            for position, figure in enumerate(data.get("figures", [])):
                figures.append(
                    models.CommemorationFigure(
                        commemoration=commemoration,
                        label=figure["label"],
                        value=figure["value"],
                        position=position,
                    )
                )
        models.CommemorationFigure.objects.bulk_create(figures)

    person_ids = {p.key: p.id for p in models.Person.objects.all()}
    topic_ids = {t.key: t.id for t in models.Topic.objects.all()}
    commemoration_rows = [
        {"id": c.id, "date": c.date, "name": c.name} for c in commemorations
    ]
    commissioner = next(p for p in demo["people"] if p["key"] == "commissioner")
    speaker = commissioner["name"]

    plans, references = make_plans(
        scale, seed, now, commemoration_rows, list(person_ids), list(topic_ids)
    )
    log(f"  planned {len(plans):,} statements in {time.perf_counter() - started:.1f}s")

    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        try:
            # Skips the per-row foreign key checks of the load: the rows are
            # consistent by construction. Needs a superuser; fine without.
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:
            pass
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        dropped = []
        for model in (models.Statement, models.StatementVersion):
            for name, definition in _secondary_indexes(cursor, model._meta.db_table):
                dropped.append((name, definition))
                cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))

        step = time.perf_counter()
        counts["statements"] = _copy(
            cursor, models.Statement, _statement_rows(plans, person_ids, now)
        )
        seconds = time.perf_counter() - step
        log(f"  statements: {counts['statements']:,} in {seconds:.1f}s")

        step = time.perf_counter()
        documents = search_terms.Documents(
            people={p.key: p.name for p in people},
            topics={t.key: t.name for t in topics},
            commemorations={c.id: c.name for c in commemorations},
        )
        counts["versions"] = _copy(
            cursor,
            models.StatementVersion,
            _versions_in_parallel(plans, speaker, documents),
            raw=["search_vector"],
        )
        log(f"  versions: {counts['versions']:,} in {time.perf_counter() - step:.1f}s")

        step = time.perf_counter()
        through = models.Statement.topics.through
        counts["topic links"] = _copy(
            cursor,
            through,
            (
                {"statement_id": plan.id, "topic_id": topic_ids[key]}
                for plan in plans
                for key in plan.topics
            ),
            fields=[f for f in through._meta.concrete_fields if not f.primary_key],
        )
        related = models.Statement.related.through
        counts["related links"] = _copy(
            cursor,
            related,
            (
                {"from_statement_id": plan.id, "to_statement_id": other}
                for plan in plans
                for other in plan.related
            ),
            fields=[f for f in related._meta.concrete_fields if not f.primary_key],
        )
        counts["coverage"] = _copy(
            cursor,
            models.Coverage,
            _coverage_rows(plans, seed),
            fields=_without_pk(models.Coverage),
        )
        counts["sent to"] = _copy(
            cursor,
            models.Distribution,
            (
                {
                    "statement_id": plan.id,
                    "recipient": content.RECIPIENTS[n]._asdict(),
                    "date": plan.publish_at.date(),
                }
                for plan in plans
                for n in range(plan.sent_to)
            ),
            fields=_without_pk(models.Distribution),
        )
        pdf_size = len(minimal_pdf())
        counts["attachments"] = _copy(
            cursor,
            models.Attachment,
            (
                {
                    "statement_id": plan.id,
                    "file": ATTACHMENT_NAME,
                    "title": content.ATTACHMENT_TITLE._asdict(),
                    "size": pdf_size,
                    "position": 0,
                }
                for plan in plans
                if plan.attachment
            ),
            fields=_without_pk(models.Attachment),
        )
        counts["corrections"] = _copy(
            cursor,
            models.Correction,
            (
                {
                    "version_id": _version_id(plan, plan.correction_language),
                    "at": plan.publish_at + datetime.timedelta(days=1),
                    "note": getattr(content.CORRECTION, plan.correction_language),
                }
                for plan in plans
                if plan.correction_language
            ),
            fields=_without_pk(models.Correction),
        )
        counts["reference counters"] = _copy(
            cursor,
            models.ReferenceCounter,
            (
                {"year": year, "last_number": number}
                for year, number in sorted(references.items())
            ),
        )
        log(f"  links and children in {time.perf_counter() - step:.1f}s")

        # COPY bypasses the signals that keep the stored release state; the
        # search terms are in already.
        step = time.perf_counter()
        modules.refresh_release_only()
        log(f"  release state in {time.perf_counter() - step:.1f}s")

        step = time.perf_counter()
        for model in (models.Statement, models.StatementVersion):
            cursor.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "(SELECT max(id) FROM {}))"
                ).format(sql.Identifier(model._meta.db_table)),
                [model._meta.db_table],
            )
        for _name, definition in dropped:
            cursor.execute(definition)
        log(f"  {len(dropped)} indexes rebuilt in {time.perf_counter() - step:.1f}s")

    step = time.perf_counter()
    vacuum_analyze(url)
    log(f"  VACUUM ANALYZE in {time.perf_counter() - step:.1f}s")
    check_search_terms(len(plans), seed)
    return counts, time.perf_counter() - started


SEARCH_CHECK_SAMPLE = 30


def check_search_terms(statements, seed):
    """Stops the bench if sampled versions' terms are not what the app stores."""
    from django.db import connection

    rng = random.Random(seed + 2)
    total = statements * len(LANGUAGES)
    sample = rng.sample(range(1, total + 1), min(SEARCH_CHECK_SAMPLE, total))
    with connection.cursor() as cursor:
        differing = search_terms.check(cursor, sample)
    if differing:
        raise SystemExit(
            f"The loaded search terms of versions {differing} differ from what "
            "the app stores (statements/search_index.py); fix scripts/search_terms.py."
        )


def _without_pk(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _version_id(plan, language):
    return (plan.id - 1) * len(LANGUAGES) + LANGUAGES.index(language) + 1


def _statement_rows(plans, person_ids, now):
    for plan in plans:
        reference = plan.reference or (None, None)
        yield {
            "id": plan.id,
            "slug": plan.slug,
            "kind": plan.kind,
            "reference_number": reference[0],
            "reference_year": reference[1],
            "issued_by_id": person_ids[plan.issued_by],
            "publish_at": None
            if plan.state in ("draft", "review")
            else plan.publish_at,
            "original_language": plan.original,
            "required_languages": plan.required,
            "commemoration_id": plan.commemoration["id"]
            if plan.commemoration
            else None,
            "anniversary_year": plan.anniversary_year,
            "hero_image": image_name(plan.image) if plan.image is not None else "",
            "hero_image_width": _image_size(plan, 0),
            "hero_image_height": _image_size(plan, 1),
            "hero_image_alt": content.IMAGE_ALTS[plan.image]._asdict()
            if plan.image is not None
            else {},
            "hero_image_caption": content.CAPTION._asdict() if plan.caption else {},
            "withdrawn_at": plan.publish_at + datetime.timedelta(days=2)
            if plan.withdrawn
            else None,
            "withdrawal_reason": content.WITHDRAWAL._asdict() if plan.withdrawn else {},
            "created_at": min(plan.publish_at, now) - datetime.timedelta(hours=3),
            "updated_at": min(plan.publish_at, now),
            "created_by_id": None,
            "updated_by_id": None,
            "lock_version": 1,
        }


def _image_size(plan, axis):
    return IMAGE_SIZE[axis] if plan.image is not None else None


# Versions are made in worker processes a chunk of statements at a time; the
# main process meanwhile copies the rows into PostgreSQL.
VERSION_CHUNK = 400
_shared = {}


def _versions_in_parallel(plans, speaker, documents, processes=None):
    """The version rows in order, made by forked workers (the texts, their
    sanitising and their search terms are nearly all of the load's time)."""
    processes = processes or min(os.cpu_count() or 1, 4)
    if processes < 2 or len(plans) <= VERSION_CHUNK:
        yield from _version_rows(plans, speaker, app(), documents)
        return
    _shared.update(plans=plans, speaker=speaker, documents=documents)
    chunks = [
        (start, start + VERSION_CHUNK) for start in range(0, len(plans), VERSION_CHUNK)
    ]
    # fork: the workers inherit the plans and the set-up Django without
    # pickling them; they touch no database connection.
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(processes) as pool:
            for rows in pool.imap(_version_chunk, chunks):
                yield from rows
    finally:
        _shared.clear()


def _version_chunk(bounds):
    start, stop = bounds
    return list(
        _version_rows(
            _shared["plans"][start:stop],
            _shared["speaker"],
            app(),
            _shared["documents"],
        )
    )


def _version_rows(plans, speaker, modules, documents):
    sanitize_html, html_to_text = modules.sanitize_html, modules.html_to_text
    for plan in plans:
        for language in LANGUAGES:
            title = title_of(plan, language)
            summary = summary_of(plan, language)
            body = sanitize_html(body_of(plan, language, speaker[language]))
            text = html_to_text(body)
            if plan.state in ("draft", "review"):
                status = plan.state
            elif language == plan.missing_language:
                status = "review"
            else:
                status = "published"
            published = status == "published"
            yield {
                "id": _version_id(plan, language),
                "statement_id": plan.id,
                "language": language,
                "title": title,
                "summary": summary,
                "body": body,
                "status": status,
                "published_at": plan.publish_at if published else None,
                "search_document": "\n".join([title, summary, text]).casefold(),
                # Unreleased versions lose theirs with the release state.
                "search_vector": documents.literal_of(
                    plan, language, title, summary, text
                )
                if published
                else None,
                "author_id": None,
                "submitted_by_id": None,
                "submitted_at": plan.publish_at - datetime.timedelta(hours=2),
                "approved_by_id": None,
                "self_approved": False,
                "review_comment": "",
                "last_substantive_change_at": plan.publish_at if published else None,
                "updated_by_id": None,
                "lock_version": 1,
                "created_at": plan.publish_at - datetime.timedelta(hours=3),
                "updated_at": plan.publish_at,
            }


def _coverage_rows(plans, seed):
    rng = random.Random(seed + 1)
    for plan in plans:
        for _ in range(plan.coverage):
            outlet = rng.choice(content.OUTLETS)
            yield {
                "statement_id": plan.id,
                "outlet": outlet,
                "url": f"https://example.org/{outlet.lower().replace('.', '-')}/"
                f"{plan.slug}",
                "date": plan.publish_at.date()
                + datetime.timedelta(days=rng.randrange(3)),
                "language": rng.choice(LANGUAGES),
                "reporter": rng.choice(content.REPORTERS),
            }
