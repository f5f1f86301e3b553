"""Public search page and as-you-type suggestions.

The page lists courses, not runs: the runs of one course are one card (its next date, the other
dates behind "weitere Termine"); `group=run` lists every run on its own, as the JSON API does by
default. A page number past the last page shows the last page (its links lead on from there)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, g, jsonify, render_template, request, url_for
from werkzeug.datastructures import iter_multi_items

from .query import RADII, query_from_args

bp = Blueprint("search", __name__)

SHOWN_FACETS = ("category", "town", "district", "format", "funding", "certificate", "start_month",
                "duration_band", "price_band", "provider_facet")
SORT_LABELS = {"relevance": "Relevanz", "start": "Beginn", "price": "Preis", "distance": "Entfernung"}


# Werkzeug's characters left unescaped in a query (werkzeug.urls._urlencode, as url_for uses them)
_QUERY_SAFE = "!$'()*,/:;?@"


def _url(args, endpoint="search.index", **changes) -> str:
    """The search's URL with some arguments changed. The same string url_for builds (tested), with
    the endpoint's path built once per request: a result page has a hundred facet links, and
    url_for's rule building was a sixth of the page's time at 100,000 offers (bench/web.py)."""
    params = {k: args.getlist(k) for k in args}
    params.update(changes)
    bases = g.setdefault("search_url_bases", {})
    base = bases.get(endpoint)
    if base is None:
        base = bases[endpoint] = url_for(endpoint)
    items = [(k, v) for k, v in iter_multi_items({k: v for k, v in params.items() if v not in ("", [], None)})
             if v is not None]
    return f"{base}?{urlencode(items, safe=_QUERY_SAFE)}" if items else base


def toggle_url(args, name: str, value: str) -> str:
    """URL of the current search with one facet value switched on or off (back to page 1)."""
    values = list(args.getlist(name))
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return _url(args, **{name: values, "page": None})


@bp.route("/")
def index():
    q, notes = query_from_args(request.args, current_app.config["PAGE_SIZE"])
    q.group_courses = request.args.get("group") != "run"
    searcher = current_app.extensions["searcher"]
    result = searcher.search(q)
    if result.total and result.page > result.pages:  # an old link or a typed number: the last page
        q.page = result.pages
        result = searcher.search(q)
    sorts = {k: v for k, v in SORT_LABELS.items() if k != "distance" or q.near}
    without_filters = url_for("search.index", q=q.text) if q.text else url_for("search.index")
    wider = _url(request.args, radius=str(max(RADII)), page=None) if q.near and (q.radius_km or 0) < max(RADII) else None
    return render_template("search.html", q=q, notes=notes, result=result, shown_facets=SHOWN_FACETS,
                           sort_labels=sorts, radii=RADII, args=request.args,
                           toggle_url=lambda n, v: toggle_url(request.args, n, v),
                           page_url=lambda p: _url(request.args, page=p),
                           sort_url=lambda key: _url(request.args, sort=key, page=None),
                           export_url=lambda endpoint: _url(request.args, endpoint=endpoint, page=None),
                           without_filters=without_filters, wider_url=wider,
                           runs_url=_url(request.args, group="run", page=None),
                           courses_url=_url(request.args, group=None, page=None))


@bp.app_template_global()
def watched_offers() -> frozenset[str]:
    """Ids on the logged-in user's watch list, for the "Merken" buttons (once per request; empty
    for guests, and with the database down the page still shows, the buttons unmarked)."""
    if "watched_offers" not in g:
        ids: frozenset[str] = frozenset()
        if g.get("user") is not None:
            from sqlalchemy.exc import SQLAlchemyError
            try:
                ids = frozenset(current_app.extensions["accounts"].watched(g.user.id))
            except SQLAlchemyError:
                current_app.logger.exception("watch list unavailable")
        g.watched_offers = ids
    return g.watched_offers


@bp.route("/vorschlaege")
def suggest():
    """Titles for the search box's suggestion list (used by static/suggest.js)."""
    prefix = request.args.get("q", "")[:100]
    return jsonify(current_app.extensions["searcher"].suggest(prefix))
