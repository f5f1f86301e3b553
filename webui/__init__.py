"""Flask web UI (German). Reads the index and the catalogue; never writes the index."""
from __future__ import annotations

import os

from flask import Flask

from . import filters


def create_app(test_config: dict | None = None) -> Flask:
    """App factory: configuration from the mapping, else from WBPORTAL_* environment variables."""
    app = Flask(__name__)
    data_dir = os.environ.get("WBPORTAL_DATA_DIR", "var")
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("WBPORTAL_SECRET_KEY", os.urandom(32).hex()),
        DATABASE_URL=os.environ.get("WBPORTAL_DATABASE_URL", f"sqlite:///{os.path.abspath(data_dir)}/catalogue.sqlite"),
        INDEX_DIR=os.path.join(data_dir, "index"),
        PAGE_SIZE=20,
    )
    if test_config:
        app.config.update(test_config)

    from index import IndexStore, Searcher

    app.extensions["searcher"] = Searcher(IndexStore(app.config["INDEX_DIR"]))
    filters.register(app)

    from .search import bp as search_bp

    app.register_blueprint(search_bp)
    return app
