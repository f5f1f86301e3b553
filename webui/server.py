"""Running the web UI: waitress (threads) for one process, gunicorn with --workers N > 1 to use
both cores (each worker keeps its own searcher, columns and database pool)."""
from __future__ import annotations

from wbportal.paths import DataDir

WATCH_S = 1.0   # how often a serving process looks for a new index generation


def serve(host: str, port: int, data_dir=None, workers: int = 1) -> None:
    from . import create_app

    data = DataDir.resolve(data_dir)
    config = {"DATABASE_URL": data.database_url, "INDEX_DIR": str(data.index_dir)}
    app = create_app(config)  # fails here, with what to run, when the schema is not migrated
    # The serving app opens and warms each new index generation in a thread and switches when it
    # is ready (index.Searcher), so no user waits for a generation to load after an update.
    serving = dict(config, SEARCH_WARM_IN_BACKGROUND=True, SEARCH_WATCH_S=WATCH_S)
    print(f"Weiterbildungsportal läuft: http://{host}:{port}/  (Strg+C beendet)", flush=True)
    if workers > 1:
        from gunicorn.app.base import BaseApplication

        class Portal(BaseApplication):
            def load_config(self):
                for key, value in {"bind": f"{host}:{port}", "workers": workers, "threads": 4,
                                   "worker_class": "gthread", "accesslog": None, "loglevel": "warning",
                                   "timeout": 60}.items():
                    self.cfg.set(key, value)

            def load(self):   # in each worker, after the fork: its own searcher and watcher
                return create_app(serving)

        Portal().run()
        return
    from waitress import serve as waitress_serve

    app = create_app(serving)
    waitress_serve(app, host=host, port=port, threads=8, ident="wbportal")
