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

    from . import api, info, offers, search

    for module in (search, offers, info, api):
        app.register_blueprint(module.bp)

    @app.after_request
    def security_headers(response):
        # No inline script anywhere (JSON-LD is data, not script); scraped text cannot run.
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.errorhandler(404)
    def not_found(_):
        from flask import render_template, request
        if request.path.startswith("/api/"):
            return {"error": "not found"}, 404
        return render_template("404.html"), 404

    return app
