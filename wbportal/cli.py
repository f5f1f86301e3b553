"""The `wbportal` command line: parses arguments and calls the layers below; no logic of its own.

The web commands (`serve`, `demo`) are added by `webui.launcher`, the `wbportal` entry point,
so that this package never imports the web side.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from .yamlfile import ConfigError

DEMO_ENV = "WBP_DEMO_URL"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", default=os.environ.get("WBPORTAL_SOURCES", "sources.yaml"),
                   help="sources file (default ./sources.yaml)")
    p.add_argument("--data-dir", default=None,
                   help="data directory (default $WBPORTAL_DATA_DIR or ./var)")
    p.add_argument("--quiet", action="store_true", help="no progress output (implied without a terminal)")


def _portal(args, *, migrate: bool = False):
    """The portal of --data-dir; writers (crawl, demo, db upgrade) migrate the schema first,
    readers need it current and say so (SchemaOutdated) otherwise."""
    from .portal import Portal

    return Portal.open(args.data_dir, migrate=migrate)


def _progress(args) -> bool:
    return not args.quiet and sys.stderr.isatty()


def cmd_sources_check(args) -> int:
    """Every source that is fine on stdout, every problem of the file on stderr (file:line,
    source, setting), so that one run shows all there is to fix; exit 2 when there is any."""
    from .config import check_sources

    sources, errors = check_sources(args.sources)
    for s in sources.sources.values():
        state = "enabled" if s.enabled else "disabled"
        template = f", template {s.template}" if s.template else ""
        print(f"{s.key}: {s.strategy}{template}, {len(s.start_urls)} start URL(s), {state} — {s.provider}")
    if not errors:
        print(f"{args.sources}: {len(sources.sources)} sources OK")
        return 0
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{args.sources}: {len(errors)} error(s); {len(sources.sources)} source(s) OK", file=sys.stderr)
    return 2


def cmd_sources_show(args) -> int:
    """The source's settings as the crawler gets them: its template expanded, defaults filled."""
    import yaml

    from .config import load_sources

    source = load_sources(args.sources).select([args.key])[0]
    settings = source.model_dump(mode="json", by_alias=True, exclude_none=True, exclude={"key"})
    first = [k for k in ("provider", "template", "site", "strategy", "start_urls") if k in settings]
    settings = {k: settings[k] for k in first} | settings  # as a maintainer writes a source
    origin = f" (template '{source.template}' expanded)" if source.template else ""
    print(f"# source '{source.key}' from {args.sources}{origin}")
    print(yaml.safe_dump({source.key: settings}, sort_keys=False, allow_unicode=True, width=100), end="")
    return 0


def cmd_sources_templates(args) -> int:
    """The templates a source can name, with what each is for."""
    from pathlib import Path

    from .source_templates import available, load_template

    for name in available(Path(args.sources)):
        template = load_template(name, Path(args.sources))
        needs = f" (needs: {', '.join(template.needs)})" if template.needs else ""
        print(f"{name}{needs}: {template.description.splitlines()[0] if template.description else ''}")
        print(f"    {template.path}")
    return 0


def _crawl(args, keys: list[str] | None, job: str = "manual") -> int:
    from .config import load_sources
    from .ops import jobs
    from .ops.locks import SourceBusy

    sources_file = load_sources(args.sources)
    selected = sources_file.select(keys)  # a bad file or key raises before anything runs
    portal = _portal(args, migrate=True)
    if not portal.index_store.exists():
        jobs.run(portal, "rebuild_index")
    worst = 0
    for source in selected:
        try:
            result = jobs.run(portal, "crawl", sources=sources_file, keys=[source.key], job=job,
                              progress=_progress(args))
        except SourceBusy as exc:
            print(f"{source.key}: skipped — {exc}")
            worst = max(worst, 1)
            continue
        report = result.reports[0]
        print(report.line())
        for err in report.errors[:5]:
            print(f"    {err}", file=sys.stderr)
        worst = max(worst, {"ok": 0, "degraded": 0, "failed": 1}[report.status])
    return worst


def cmd_crawl(args) -> int:
    return _crawl(args, args.source)


def cmd_preview(args) -> int:
    from .config import load_sources
    from .ops.preview import preview

    sources = load_sources(args.sources)
    source = sources.select([args.source])[0]
    return 0 if preview(source, limit=args.limit, out=sys.stdout, progress=_progress(args)) else 1


def cmd_schedules_check(args) -> int:
    from .config import load_sources
    from .ops.schedules import load_schedules

    schedules = load_schedules(args.schedules, load_sources(args.sources))
    for job in schedules.jobs.values():
        state = "enabled" if job.enabled else "disabled"
        which = job.sources if isinstance(job.sources, str) else (
            f"tag {job.sources.tag}" if hasattr(job.sources, "tag") else ", ".join(job.sources))
        which = f", sources: {which}" if job.action in ("crawl", "renormalize") else ""
        print(f"{job.name}: {job.action} at '{job.cron}' ({schedules.timezone}){which}, {state}")
    print(f"{schedules.path}: {len(schedules.jobs)} jobs OK")
    return 0


def cmd_scheduler(args) -> int:
    from .ops.scheduler import PortalScheduler, setup_logging
    from .paths import DataDir

    data = DataDir.resolve(args.data_dir)
    setup_logging(data)
    PortalScheduler(args.schedules, args.sources, data).run_forever()
    return 0


def cmd_runs(args) -> int:
    """The run history: one line per run, newest first."""
    catalogue = _portal(args).catalogue
    rows = catalogue.runs(args.source, limit=args.limit, job=args.job)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
        return 0
    for r in rows:
        errors = f" — {r['errors'][0]}" if r["errors"] else ""
        print(f"{r['started']}  {r['source']:<10} {r['job']:<16} {r['status']:<8} {r['offers_valid'] or 0:>5} offers "
              f"+{r['added'] or 0}/~{r['changed'] or 0}/-{r['removed'] or 0}{errors[:160]}")
    return 0


def cmd_status(args) -> int:
    """One line per source: last good run, last status, live offers. Exit 1 when a source has had
    no good run for more than --failing-days days (for monitoring scripts)."""
    from .config import load_sources
    from .ops.health import source_status

    keys = [s.key for s in load_sources(args.sources).enabled()]
    report = source_status(_portal(args).catalogue, keys, args.failing_days)
    alarm = any(r["alarm"] for r in report)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for r in report:
            flag = "  ALARM" if r["alarm"] else ""
            print(f"{r['source']:<10} {r['last_status'] or 'never run':<9} last good: {r['last_good_run'] or 'never':<26}"
                  f"{r['live_offers']:>6} offers live{flag}")
    return 1 if alarm else 0


def cmd_digest(args) -> int:
    """E-mails each company user the offers newly matching their needs (each match once)."""
    from .ops import jobs

    print(jobs.run(_portal(args), "digest").message)
    return 0


def _qualifications_check(args) -> int:
    from .qualifications.catalogue import cmd_qualifications_check

    return cmd_qualifications_check(args)


def cmd_legal_check(args) -> int:
    """Validates the operator's legal.yaml (else the shipped template); exit 1 while placeholders remain."""
    from .legal import PAGES, legal_page
    from .paths import DataDir

    data = DataDir.resolve(args.data_dir)
    unfilled = []
    for name in PAGES:
        page = legal_page(name, data.root)
        source = "shipped template (copy it to the data directory)" if page.template else str(data.root / "legal.yaml")
        print(f"{name}: {page.title}, {len(page.sections)} sections — {source}"
              + ("; still has '[bitte ergänzen: …]'" if page.unfilled else ""))
        unfilled += [name] if page.unfilled or page.template else []
    return 1 if unfilled else 0


def cmd_renewals(args) -> int:
    """Due renewals become needs (created, updated, closed); the scheduler's `renewals` action."""
    from .ops import jobs

    print(jobs.run(_portal(args, migrate=True), "renewals").message)
    return 0


def cmd_publish(args) -> int:
    """Hand-entered offers, corrections and Verbundkurse into catalogue and index; the scheduler's
    `publish` action, and what the web starts after such a change."""
    from .ops import jobs

    message = jobs.run(_portal(args, migrate=True), "publish").message
    if not args.quiet:
        print(message)
    return 0


def cmd_cleanup(args) -> int:
    """Forgets offers gone for more than --keep-days and older raw snapshots."""
    from .ops import jobs

    print(jobs.run(_portal(args), "cleanup", keep_days=args.keep_days).message)
    return 0


def cmd_db_upgrade(args) -> int:
    """Migrates the database to this version's schema (idempotent; keeps every row)."""
    from .db import Database
    from .paths import DataDir

    db = Database(DataDir.resolve(args.data_dir).database_url)
    before, after = db.upgrade()
    change = "already current" if before == after else f"upgraded from {before or 'no revision'}"
    print(f"{db!r}: schema at revision {after} ({change})")
    return 0


def cmd_db_status(args) -> int:
    """Exit 0 when the schema is current, 1 when `wbportal db upgrade` is needed."""
    from .db import Database
    from .paths import DataDir

    db = Database(DataDir.resolve(args.data_dir).database_url)
    current, head = db.current_revision(), db.head_revision()
    print(f"{db!r}: revision {current or 'none'}, this version needs {head}"
          + ("" if current == head else " — run `wbportal db upgrade`"))
    return 0 if current == head else 1


def cmd_admin_add(args) -> int:
    """A user of the coordination office; the password from $WBPORTAL_ADMIN_PASSWORD or a prompt."""
    import getpass

    from .users import AccountError

    password = os.environ.get("WBPORTAL_ADMIN_PASSWORD") or getpass.getpass("Passwort: ")
    try:
        user = _portal(args, migrate=True).accounts.add_admin(args.email, password)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"admin {user.email} added")
    return 0


def cmd_org_add(args) -> int:
    """A provider or labour-market organisation with its user; prints the set-password link."""
    from .config import load_sources
    from .providers.accounts import add_from_cli
    from .users import AccountError

    try:
        invited, link = add_from_cli(_portal(args, migrate=True), load_sources(args.sources), kind=args.kind,
                                     name=args.name, email=args.email, source_keys=args.source or [],
                                     labour_type=args.type or "")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.kind} organisation {invited.organisation_id} ({args.name}) with user {invited.user.email} added")
    print(f"set-password link (valid 24 hours): {link}")
    return 0


def cmd_quality(args) -> int:
    """Per source: the last run's status, field coverage and the texts the normalizer did not read."""
    from .config import load_sources

    from .ops.health import quality_report
    from .ops.quality import unknown_places

    keys = [s.key for s in load_sources(args.sources).select(args.source or None)]
    catalogue = _portal(args).catalogue
    report = quality_report(catalogue, keys)
    places = unknown_places(r for r in catalogue.iter_offers() if r.get("source") in report)
    for key, run in report.items():
        if run is not None:  # the current offers read against the gazetteer as it is now
            run["unknown_places"] = places.get(key, [])
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return 0
    for key, run in report.items():
        if run is None:
            print(f"{key}: never crawled")
            continue
        print(f"{key}: {run['status']} ({run['finished']}), {run['offers']} offers, {run['invalid']} invalid")
        print("  coverage: " + ", ".join(f"{name} {share:.0%}" for name, share in run["coverage"].items()))
        for name, values in run["unparsed"].items():
            if name != "place":  # places: below, from the current offers
                print(f"  not understood ({name}): " + "; ".join(f"{t!r} ({n}x)" for t, n in values))
        unknown = run["unknown_places"]
        if unknown:
            shown = "; ".join(f"{e['place']!r} ({e['offers']}x" + (f", could be {' or '.join(e['candidates'])})"
                                                                      if e["candidates"] else ")")
                              for e in unknown[:10])
            more = f"; and {len(unknown) - 10} more (see --json)" if len(unknown) > 10 else ""
            print(f"  places not in the gazetteer ({len(unknown)}): {shown}{more}")
        for err in run["errors"]:
            print(f"  ! {err}")
    return 0


def cmd_export(args) -> int:
    from .ops.export import export_jsonl

    catalogue = _portal(args).catalogue
    if args.out and args.out != "-":
        with open(args.out, "w", encoding="utf-8") as fh:
            n = export_jsonl(catalogue, fh)
        print(f"{n} offers written to {args.out}", file=sys.stderr)
    else:
        export_jsonl(catalogue, sys.stdout)
    return 0


def cmd_index_rebuild(args) -> int:
    from .ops import jobs

    portal = _portal(args)
    print(f"{jobs.run(portal, 'rebuild_index').message} at {portal.index_store.current.resolve()}")
    return 0


def cmd_schema(args) -> int:
    from normalize import offer_json_schema

    print(json.dumps(offer_json_schema(), indent=2, ensure_ascii=False))
    return 0


def prepare_demo(args):
    """Serves the demo provider sites, crawls them, seeds the demo companies and (optionally)
    starts the scheduler; returns (demo server, scheduler or None) for the web launcher, which
    then serves the portal and stops both at the end."""
    from .demo import DemoServer, seed_demo

    server = DemoServer(port=args.demo_port)
    url = server.start()
    os.environ[DEMO_ENV] = url
    os.environ["WBP_LOCAL_FAST"] = "1"
    print(f"Demo provider sites served at {url}/", flush=True)
    if not os.environ.get("WBPORTAL_SMTP_HOST"):  # no mail server in the demo: mails go to a file
        from .paths import DataDir
        mail_file = str(DataDir.resolve(args.data_dir).root.resolve() / "mail.mbox")
        os.environ.setdefault("WBPORTAL_MAIL_FILE", mail_file)
        print(f"Mails of the demo are written to {os.environ['WBPORTAL_MAIL_FILE']} (and named here)", flush=True)
    try:
        code = _crawl(args, None, job="demo")
        portal = _portal(args)
        seeded = seed_demo(portal.accounts, portal.needs)
        from .demo import seed_demo_matrices
        people = seed_demo_matrices(portal.db, portal.accounts)
        if people:
            print(f"{people} people in the demo firms' qualification matrices (Kümmerer login: "
                  f"chef@metallbau-arnold.example / demo-passwort-1)", flush=True)
        if seeded:
            print(f"{seeded} demo needs of demo companies seeded (office login: buero@verbund.example / "
                  f"buero-passwort-1; see demo/companies.yaml)", flush=True)
        from .calls.demo import seed_demo_call
        from .config import load_sources
        from .providers.demo import seed_demo_providers
        if seed_demo_providers(portal.db, portal.accounts):
            print("demo provider and labour-market accounts seeded (provider login: kurse@sta-erzgebirge.example, "
                  "labour-market actor: weiterbildung@aa-annaberg.example, password demo-passwort-1; see "
                  "demo/providers.yaml)", flush=True)
        call = seed_demo_call(portal.db, portal.accounts, portal.needs, load_sources(args.sources), portal.base_url)
        if call:
            print(f"a demo call for offers with two answers: {portal.base_url}/koordinierung/anfragen/{call}", flush=True)
        if code:
            print("some demo sources failed; serving what was crawled", file=sys.stderr)
        scheduler = None
        if args.scheduler:
            from .ops.scheduler import PortalScheduler, setup_logging

            setup_logging(portal.data)
            scheduler = PortalScheduler(args.scheduler, args.sources, portal.data)
            scheduler.start()
    except BaseException:
        server.stop()
        raise
    return server, scheduler


def build_parser(extend=None) -> argparse.ArgumentParser:
    """`extend(subparsers, add_common_options)` lets the web launcher add `serve` and `demo`."""
    parser = argparse.ArgumentParser(prog="wbportal", description="Weiterbildungsportal Erzgebirge")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sources", help="work with sources.yaml")
    ssub = p.add_subparsers(dest="sources_command", required=True)
    c = ssub.add_parser("check", help="validate sources.yaml")
    _common(c)
    c.set_defaults(func=cmd_sources_check)
    c = ssub.add_parser("show", help="print one source's settings with its template expanded")
    c.add_argument("key", help="the source's key in sources.yaml")
    _common(c)
    c.set_defaults(func=cmd_sources_show)
    c = ssub.add_parser("templates", help="list the source templates (publishing systems)")
    _common(c)
    c.set_defaults(func=cmd_sources_templates)

    p = sub.add_parser("schedules", help="work with schedules.yaml")
    ssub = p.add_subparsers(dest="schedules_command", required=True)
    c = ssub.add_parser("check", help="validate schedules.yaml (and the sources it names)")
    _common(c)
    c.add_argument("--schedules", default=os.environ.get("WBPORTAL_SCHEDULES", "schedules.yaml"))
    c.set_defaults(func=cmd_schedules_check)

    p = sub.add_parser("scheduler", help="run the jobs of schedules.yaml (long-running)")
    _common(p)
    p.add_argument("--schedules", default=os.environ.get("WBPORTAL_SCHEDULES", "schedules.yaml"))
    p.set_defaults(func=cmd_scheduler)

    p = sub.add_parser("digest", help="mail company users the offers newly matching their needs")
    _common(p)
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("admin", help="coordination-office users")
    asub = p.add_subparsers(dest="admin_command", required=True)
    c = asub.add_parser("add", help="add an admin user (password from $WBPORTAL_ADMIN_PASSWORD or a prompt)")
    _common(c)
    c.add_argument("email")
    c.set_defaults(func=cmd_admin_add)

    p = sub.add_parser("org", help="provider and labour-market accounts")
    osub = p.add_subparsers(dest="org_command", required=True)
    c = osub.add_parser("add", help="add an organisation and its user; prints a set-password link")
    c.add_argument("--kind", choices=["provider", "labour"], required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--email", required=True)
    c.add_argument("--source", action="append", help="a sources.yaml key the provider owns (repeatable)")
    c.add_argument("--type", help="labour: Agentur für Arbeit, Jobcenter, Kammer or Wirtschaftsförderung")
    _common(c)
    c.set_defaults(func=cmd_org_add)

    p = sub.add_parser("runs", help="run history, newest first")
    _common(p)
    p.add_argument("--source", default=None)
    p.add_argument("--job", default=None)
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("status", help="one line per source; exit 1 if a source keeps failing")
    _common(p)
    p.add_argument("--failing-days", type=float, default=2, help="alarm after this many days without a good run")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("crawl", help="crawl, normalize, update catalogue and index")
    _common(p)
    p.add_argument("source", nargs="*", help="source keys (default: all enabled)")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("preview", help="crawl a sample of one source and show what it extracts (writes nothing)")
    _common(p)
    p.add_argument("source", help="source key")
    p.add_argument("--limit", type=int, default=10, help="number of offers to sample (default 10)")
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("quality", help="per source: last run, field coverage, values not understood, "
                                       "places not in the gazetteer")
    _common(p)
    p.add_argument("source", nargs="*", help="source keys (default: all enabled)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_quality)

    p = sub.add_parser("export", help="export current offers")
    _common(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--out", default="-", help="file (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("index", help="search index maintenance")
    isub = p.add_subparsers(dest="index_command", required=True)
    c = isub.add_parser("rebuild", help="rebuild the index from the catalogue (atomic swap)")
    _common(c)
    c.set_defaults(func=cmd_index_rebuild)

    p = sub.add_parser("qualifications", help="the qualification catalogue of the Kümmerer's matrix")
    qsub = p.add_subparsers(dest="qualifications_command", required=True)
    c = qsub.add_parser("check", help="validate the qualification catalogue (default: the shipped one)")
    c.add_argument("--file", dest="file", default=None, help="a catalogue YAML file (default: wbportal/data/qualifications.yaml)")
    c.set_defaults(func=_qualifications_check)

    p = sub.add_parser("legal", help="the legal pages (Impressum, Datenschutz, Barrierefreiheit)")
    lsub = p.add_subparsers(dest="legal_command", required=True)
    c = lsub.add_parser("check", help="validate <data dir>/legal.yaml and list what is still to fill in")
    _common(c)
    c.set_defaults(func=cmd_legal_check)

    p = sub.add_parser("renewals", help="turn due renewals of every company's matrix into needs")
    _common(p)
    p.set_defaults(func=cmd_renewals)

    p = sub.add_parser("publish", help="bring hand-entered offers, providers' corrections and Verbundkurse into catalogue and index")
    _common(p)
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("cleanup", help="forget offers gone for long and old raw snapshots")
    _common(p)
    p.add_argument("--keep-days", type=int, default=90)
    p.set_defaults(func=cmd_cleanup)

    p = sub.add_parser("db", help="database schema")
    dsub = p.add_subparsers(dest="db_command", required=True)
    c = dsub.add_parser("upgrade", help="migrate the database to this version (idempotent, keeps all rows)")
    _common(c)
    c.set_defaults(func=cmd_db_upgrade)
    c = dsub.add_parser("status", help="exit 1 if the database needs `wbportal db upgrade`")
    _common(c)
    c.set_defaults(func=cmd_db_status)

    if extend is not None:
        extend(sub, _common)

    p = sub.add_parser("schema", help="print the offer JSON Schema")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None, extend=None) -> int:
    from .db import SchemaOutdated

    args = build_parser(extend).parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, SchemaOutdated) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
