"""The `wbportal` command: every command of `wbportal.cli` plus the two that run the web UI
(`serve`, `demo`). It lives on the web side so that `wbportal` never imports `webui`;
`python -m wbportal.cli` offers the same commands without these two."""
from __future__ import annotations

import os
import sys


def cmd_serve(args) -> int:
    from .server import serve

    serve(args.host, args.port, args.data_dir, args.workers or 1)
    return 0


def cmd_demo(args) -> int:
    from wbportal.cli import prepare_demo

    from .server import serve

    demo_server, scheduler = prepare_demo(args)
    try:
        serve(args.host, args.port, args.data_dir, args.workers or 1)
    finally:
        if scheduler is not None:
            scheduler.stop()
        demo_server.stop()
    return 0


def add_web_commands(sub, add_common) -> None:
    for name, func, helptext in (("serve", cmd_serve, "run the web UI"),
                                 ("demo", cmd_demo, "serve demo sites, crawl them, run the web UI")):
        p = sub.add_parser(name, help=helptext)
        add_common(p)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=int(os.environ.get("WBPORTAL_PORT", "5000")))
        p.add_argument("--workers", type=int, default=int(os.environ.get("WBPORTAL_WORKERS", "1")),
                       help="processes (default 1: waitress; more: gunicorn, one per core)")
        if name == "demo":
            p.add_argument("--demo-port", type=int, default=8765, help="port of the demo provider sites")
            p.add_argument("--scheduler", metavar="SCHEDULES", default=None,
                           help="also run the scheduler with this schedules file (e.g. demo/schedules.yaml)")
        p.set_defaults(func=func)


def main(argv: list[str] | None = None) -> int:
    from wbportal.cli import main as cli_main

    return cli_main(argv, extend=add_web_commands)


if __name__ == "__main__":
    sys.exit(main())
