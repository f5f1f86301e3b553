"""Plain-language pages: the funding programmes, linked from the funding facet."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("info", __name__)


@bp.route("/foerderung")
def funding():
    return render_template("foerderung.html")
