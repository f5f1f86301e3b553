"""Plain-language pages: the funding programmes (linked from the funding facet) and the legal
pages (linked from every page's footer; content from the operator's legal.yaml)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

from wbportal.legal import legal_page

bp = Blueprint("info", __name__)


@bp.route("/foerderung")
def funding():
    return render_template("foerderung.html")


@bp.route("/impressum", defaults={"name": "impressum"})
@bp.route("/datenschutz", defaults={"name": "datenschutz"})
@bp.route("/barrierefreiheit", defaults={"name": "barrierefreiheit"})
def legal(name: str):
    try:
        page = legal_page(name, Path(current_app.config["INDEX_DIR"]).parent)
    except KeyError:
        abort(404)
    return render_template("legal.html", page=page)
