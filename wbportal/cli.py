"""The `wbportal` command line."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .yamlfile import ConfigError

DEMO_ENV = "WBP_DEMO_URL"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", default=os.environ.get("WBPORTAL_SOURCES", "sources.yaml"),
                   help="sources file (default ./sources.yaml)")
    p.add_argument("--data-dir", default=None,
                   help="data directory (default $WBPORTAL_DATA_DIR or ./var)")
    p.add_argument("--quiet", action="store_true", help="no progress output (implied without a terminal)")


def _context(args):
    from index import IndexStore

    from .catalogue import Catalogue
    from .paths import DataDir

    data = DataDir.resolve(args.data_dir)
    return data, Catalogue(data.database_url), IndexStore(data.index_dir)


def _progress(args) -> bool:
    return not args.quiet and sys.stderr.isatty()


def cmd_sources_check(args) -> int:
    from .config import load_sources

    sources = load_sources(args.sources)
    for s in sources.sources.values():
        state = "enabled" if s.enabled else "disabled"
        print(f"{s.key}: {s.strategy}, {len(s.start_urls)} start URL(s), {state} — {s.provider}")
    print(f"{args.sources}: {len(sources.sources)} sources OK")
    return 0


def _crawl(args, keys: list[str] | None, job: str = "manual") -> int:
    from .config import load_sources
    from .pipeline import crawl_source

    sources = load_sources(args.sources).select(keys)  # a bad file raises before anything runs
    data, catalogue, store = _context(args)
    if not store.exists():
        from .pipeline import rebuild_index
        rebuild_index(catalogue, store)
    from .locks import SourceBusy

    worst = 0
    for source in sources:
        try:
            report = crawl_source(source, data, catalogue, store, job=job, progress=_progress(args))
        except SourceBusy as exc:
            print(f"{source.key}: skipped — {exc}")
            worst = max(worst, 1)
            continue
        print(report.line())
        for err in report.errors[:5]:
            print(f"    {err}", file=sys.stderr)
        worst = max(worst, {"ok": 0, "degraded": 0, "failed": 1}[report.status])
    return worst


def cmd_crawl(args) -> int:
    return _crawl(args, args.source)


def cmd_preview(args) -> int:
    from .config import load_sources
    from .preview import preview

    sources = load_sources(args.sources)
    source = sources.select([args.source])[0]
    return 0 if preview(source, limit=args.limit, out=sys.stdout, progress=_progress(args)) else 1


def cmd_schedules_check(args) -> int:
    from .config import load_sources
    from .schedules import load_schedules

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
    from .paths import DataDir
    from .scheduler import PortalScheduler, setup_logging

    data = DataDir.resolve(args.data_dir)
    setup_logging(data)
    PortalScheduler(args.schedules, args.sources, data).run_forever()
    return 0


def cmd_runs(args) -> int:
    """The run history: one line per run, newest first."""
    _, catalogue, _ = _context(args)
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
    from datetime import datetime, timedelta, timezone

    from .config import load_sources

    sources = load_sources(args.sources).enabled()
    _, catalogue, _ = _context(args)
    now = datetime.now(timezone.utc)
    report, alarm = [], False
    for source in sources:
        last, good = catalogue.last_run(source.key), catalogue.last_run(source.key, status="ok")
        since = good["started"] if good else None
        overdue = last is not None and last["status"] != "ok" and (
            since is None or datetime.fromisoformat(since) < now - timedelta(days=args.failing_days))
        alarm |= overdue
        report.append({"source": source.key, "last_status": last["status"] if last else None,
                       "last_run": last["started"] if last else None, "last_good_run": since,
                       "live_offers": catalogue.active_count(source.key), "alarm": overdue})
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
    from index import IndexStore, Searcher

    from .accounts import Accounts
    from .digest import send_digests
    from .mail import Mailer
    from .paths import DataDir

    data = DataDir.resolve(args.data_dir)
    searcher = Searcher(IndexStore(data.index_dir))
    sent = send_digests(Accounts(data.database_url), searcher, Mailer(),
                        base_url=os.environ.get("WBPORTAL_BASE_URL", "http://127.0.0.1:5000"), secret=data.secret_key())
    print(f"{sent} digest mails sent")
    return 0


def cmd_admin_add(args) -> int:
    """A user of the coordination office; the password from $WBPORTAL_ADMIN_PASSWORD or a prompt."""
    import getpass

    from .accounts import AccountError, Accounts
    from .paths import DataDir

    password = os.environ.get("WBPORTAL_ADMIN_PASSWORD") or getpass.getpass("Passwort: ")
    try:
        user = Accounts(DataDir.resolve(args.data_dir).database_url).add_admin(args.email, password)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"admin {user.email} added")
    return 0


def cmd_quality(args) -> int:
    """Per source: the last run's status, field coverage and the texts the normalizer did not read."""
    from .config import load_sources

    keys = [s.key for s in load_sources(args.sources).select(args.source or None)]
    _, catalogue, _ = _context(args)
    report = {}
    for key in keys:
        run = catalogue.last_run(key)
        report[key] = None if run is None else {
            "status": run["status"], "finished": run["finished"], "offers": run["offers_valid"],
            "invalid": run["offers_invalid"], "coverage": run["coverage"], "unparsed": run["unparsed"],
            "errors": run["errors"][:5]}
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
            print(f"  not understood ({name}): " + "; ".join(f"{t!r} ({n}x)" for t, n in values))
        for err in run["errors"]:
            print(f"  ! {err}")
    return 0


def cmd_export(args) -> int:
    from .export import export_jsonl

    _, catalogue, _ = _context(args)
    if args.out and args.out != "-":
        with open(args.out, "w", encoding="utf-8") as fh:
            n = export_jsonl(catalogue, fh)
        print(f"{n} offers written to {args.out}", file=sys.stderr)
    else:
        export_jsonl(catalogue, sys.stdout)
    return 0


def cmd_index_rebuild(args) -> int:
    from .pipeline import rebuild_index

    _, catalogue, store = _context(args)
    n = rebuild_index(catalogue, store)
    print(f"index rebuilt with {n} offers at {store.current.resolve()}")
    return 0


def _serve(args, data_dir: Path) -> None:
    """waitress (threads) for one process; gunicorn with --workers N > 1 uses both cores (each
    worker keeps its own searcher and columns)."""
    from .paths import DataDir

    data = DataDir.resolve(data_dir)
    config = {"DATABASE_URL": data.database_url, "INDEX_DIR": str(data.index_dir)}
    print(f"Weiterbildungsportal läuft: http://{args.host}:{args.port}/  (Strg+C beendet)", flush=True)
    workers = getattr(args, "workers", 1) or 1
    if workers > 1:
        from gunicorn.app.base import BaseApplication

        class Portal(BaseApplication):
            def load_config(self):
                for key, value in {"bind": f"{args.host}:{args.port}", "workers": workers, "threads": 4,
                                   "worker_class": "gthread", "accesslog": None, "loglevel": "warning",
                                   "timeout": 60}.items():
                    self.cfg.set(key, value)

            def load(self):
                from webui import create_app
                return create_app(config)

        Portal().run()
        return
    from waitress import serve

    from webui import create_app

    serve(create_app(config), host=args.host, port=args.port, threads=8, ident="wbportal")


def cmd_serve(args) -> int:
    _serve(args, args.data_dir)
    return 0


def cmd_schema(args) -> int:
    from normalize import offer_json_schema

    print(json.dumps(offer_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_demo(args) -> int:
    from .demo_server import DemoServer

    server = DemoServer(port=args.demo_port)
    url = server.start()
    os.environ[DEMO_ENV] = url
    os.environ["WBP_LOCAL_FAST"] = "1"
    print(f"Demo provider sites served at {url}/", flush=True)
    scheduler = None
    try:
        code = _crawl(args, None, job="demo")
        from .accounts import Accounts, seed_demo
        from .paths import DataDir
        seeded = seed_demo(Accounts(DataDir.resolve(args.data_dir).database_url),
                           Path(__file__).resolve().parent.parent / "demo" / "companies.yaml")
        if seeded:
            print(f"{seeded} demo needs of demo companies seeded (office login: buero@verbund.example / "
                  f"buero-passwort-1; see demo/companies.yaml)", flush=True)
        if code:
            print("some demo sources failed; serving what was crawled", file=sys.stderr)
        if args.scheduler:
            from .paths import DataDir
            from .scheduler import PortalScheduler, setup_logging

            data = DataDir.resolve(args.data_dir)
            setup_logging(data)
            scheduler = PortalScheduler(args.scheduler, args.sources, data)
            scheduler.start()
        _serve(args, args.data_dir)
    finally:
        if scheduler is not None:
            scheduler.stop()
        server.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wbportal", description="Weiterbildungsportal Erzgebirge")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sources", help="work with sources.yaml")
    ssub = p.add_subparsers(dest="sources_command", required=True)
    c = ssub.add_parser("check", help="validate sources.yaml")
    _common(c)
    c.set_defaults(func=cmd_sources_check)

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

    p = sub.add_parser("quality", help="per source: last run, field coverage, values not understood")
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

    for name, func, helptext in (("serve", cmd_serve, "run the web UI"),
                                 ("demo", cmd_demo, "serve demo sites, crawl them, run the web UI")):
        p = sub.add_parser(name, help=helptext)
        _common(p)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=int(os.environ.get("WBPORTAL_PORT", "5000")))
        p.add_argument("--workers", type=int, default=int(os.environ.get("WBPORTAL_WORKERS", "1")),
                       help="processes (default 1: waitress; more: gunicorn, one per core)")
        if name == "demo":
            p.add_argument("--demo-port", type=int, default=8765, help="port of the demo provider sites")
            p.add_argument("--scheduler", metavar="SCHEDULES", default=None,
                           help="also run the scheduler with this schedules file (e.g. demo/schedules.yaml)")
        p.set_defaults(func=func)

    p = sub.add_parser("schema", help="print the offer JSON Schema")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
