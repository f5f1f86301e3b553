"""Flask web UI (German). Reads the index and the catalogue; never writes the index, never
creates or alters tables (that is `wbportal db upgrade`). Depends on `wbportal`, never the
other way round."""
from __future__ import annotations

import os

from flask import Flask

from . import filters


from werkzeug.routing import IntegerConverter  # noqa: E402


class DatabaseInt(IntegerConverter):
    """Ids in paths fit the database's integer (PostgreSQL: 32 bits): a larger one is a 404, not
    an overflow error."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def create_app(test_config: dict | None = None) -> Flask:
    """App factory: configuration from the mapping, else from WBPORTAL_* environment variables."""
    from wbportal.paths import DataDir
    from wbportal.portal import public_base_url

    app = Flask(__name__)
    app.url_map.converters["int"] = DatabaseInt  # before any blueprint's rules are added
    data = DataDir.resolve()
    app.config.from_mapping(
        DATABASE_URL=data.database_url,
        INDEX_DIR=str(data.index_dir),
        BASE_URL=public_base_url(),  # the one setting for links in mails (also used by the CLI's digest)
        SOURCES_FILE=os.environ.get("WBPORTAL_SOURCES", "sources.yaml"),
        PAGE_SIZE=20,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=os.environ.get("WBPORTAL_HTTPS") == "1",  # Secure cookies behind HTTPS
        WTF_CSRF_TIME_LIMIT=None,  # a form's token is valid for the session
    )
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = DataDir.resolve(os.path.dirname(os.path.abspath(app.config["INDEX_DIR"]))).secret_key()

    from flask_wtf.csrf import CSRFProtect

    from index import IndexStore, Searcher
    from wbportal.catalogue import Catalogue
    from wbportal.db import Database
    from wbportal.needs import NeedStore
    from wbportal.users import Accounts

    CSRFProtect(app)  # every POST form carries {{ csrf_token() }}; the API is read-only (GET)
    # One Database (engine and pool) per app, not per request; the schema must be migrated.
    db = Database(app.config["DATABASE_URL"])
    if app.config.get("REQUIRE_CURRENT_SCHEMA", True):
        db.require_current()
    app.extensions.update(db=db, catalogue=Catalogue(db), accounts=Accounts(db), needs=NeedStore(db),
                          searcher=Searcher(IndexStore(app.config["INDEX_DIR"]),
                                            background=bool(app.config.get("SEARCH_WARM_IN_BACKGROUND")),
                                            watch_s=app.config.get("SEARCH_WATCH_S")))
    if app.config.get("SEARCH_WATCH_S"):   # the serving process: warm new generations before the switch
        app.extensions["searcher"].watch()
    filters.register(app)

    from wbportal.mail import Mailer

    app.extensions["mailer"] = Mailer(app.config.get("SMTP_HOST"), app.config.get("SMTP_PORT"))

    from . import accounts, admin, api, info, needs, network, offers, opendata, search, workspace

    for module in (search, offers, info, api, opendata, accounts, needs, admin, workspace, network):
        app.register_blueprint(module.bp)
    from . import konto  # "Mein Konto" (#15 part 8)
    app.register_blueprint(konto.bp)
    # closing the loop (#14): calls for offers, answers by signed link, seats, provider area, anonymised demand
    from . import answers, calls, demand_public, provider, provider_admin, seats
    for module in (calls, answers, seats, provider, provider_admin, demand_public):
        app.register_blueprint(module.bp)
    app.before_request(accounts.load_user)

    @app.after_request
    def security_headers(response):
        # No inline script anywhere (JSON-LD is data, not script); scraped text cannot run.
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.errorhandler(500)
    def server_error(_):
        """A German page in the site's layout; if even that cannot be rendered (the database is
        down while the layout asks who is logged in), plain German text."""
        from flask import render_template
        try:
            return render_template("500.html"), 500
        except Exception:  # noqa: BLE001 - the error page must not fail itself
            return ("Entschuldigung, hier ist etwas schiefgegangen. Bitte versuchen Sie es in einigen Minuten "
                    "erneut."), 500, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(403)
    def forbidden(_):
        from flask import render_template
        return render_template("404.html", forbidden=True), 403

    @app.errorhandler(400)
    def bad_request(error):
        from flask import render_template
        from flask_wtf.csrf import CSRFError
        if isinstance(error, CSRFError):
            return render_template("404.html", csrf=True), 400
        return render_template("404.html", bad=True), 400

    @app.errorhandler(404)
    def not_found(_):
        from flask import render_template, request
        if request.path.startswith("/api/"):
            return {"error": "not found"}, 404
        return render_template("404.html"), 404

    return app
