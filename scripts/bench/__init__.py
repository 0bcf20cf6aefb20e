"""`make bench` (``python -m scripts.bench``): the public site's speed, measured.

- ``cli``: the options, the database's preparation, the run from end to end;
- ``runs``: the pages, their SQL, the wrk runs in the three cache modes;
- ``report``: the machine, the targets, the Markdown table;
- ``data``: the PostgreSQL database, generated and loaded with COPY;
- ``search_terms``: the versions' search terms, filled during that load;
- ``content``: the generated texts, read from ``corpus/*.json``;
- ``servers``: gunicorn, nginx, Redis and wrk, and the CPU and memory probes;
- ``peer``: the Wagtail peer of ../shared/peerbench, in the same run;
- ``crawl``: the "after a publication" crawler;
- ``app``: the app's modules the bench uses, imported in one place.
"""
