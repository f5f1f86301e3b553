"""The portal's core, below the web UI and above the stages (normalize, index; crawlers run as
subprocesses):

- `db/`        every table in one metadata, `Database(url)` (SQLite or PostgreSQL), Alembic migrations
- `catalogue`  offers and crawl runs
- `users`      companies, users, login throttling, watch lists, mailed matches
- `needs/`     the typed `Need`, its per-company store, matching, the office's demand views, digest
- `ops/`       crawl pipeline, locks, the job runner (`jobs.run`), scheduler and schedules,
               quality reports, preview, export
- `config`     sources.yaml; `portal` the settings and the opened parts of one data directory;
  `paths` the on-disk layout; `mail` SMTP; `demo` the demo sites and companies; `cli` the command line

Nothing here imports `webui`; the web side imports from here.
"""
