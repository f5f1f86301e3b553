"""Public search: query box, facet filters, result list. All state lives in the query string."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from index import SearchQuery
from index.fields import FACETS

bp = Blueprint("search", __name__)

SHOWN_FACETS = ("category", "town", "format", "funding", "provider_facet")
SORT_LABELS = {"relevance": "Relevanz", "start": "Beginn", "price": "Preis"}


def query_from_args(args, page_size: int) -> SearchQuery:
    """Request arguments -> SearchQuery; nonsense values are ignored, never an error page."""
    try:
        page = max(1, min(int(args.get("seite", 1)), 1000))
    except ValueError:
        page = 1
    sort = args.get("sortierung", "relevance")
    filters = {name: [v for v in args.getlist(name) if v][:20] for name in FACETS if args.getlist(name)}
    return SearchQuery(text=args.get("q", "")[:500], filters=filters, page=page, page_size=page_size,
                       sort=sort if sort in SORT_LABELS else "relevance")


def _with(args, **changes) -> str:
    params = {k: args.getlist(k) for k in args}
    params.update(changes)
    return url_for("search.index", **params)


def toggle_url(args, name: str, value: str) -> str:
    """URL of the current search with one facet value switched on or off (back to page 1)."""
    params = {k: args.getlist(k) for k in args if k != "seite"}
    values = list(params.get(name, []))
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params[name] = values
    return url_for("search.index", **params)


@bp.route("/")
def index():
    q = query_from_args(request.args, current_app.config["PAGE_SIZE"])
    result = current_app.extensions["searcher"].search(q)
    return render_template("search.html", q=q, result=result, shown_facets=SHOWN_FACETS,
                           sort_labels=SORT_LABELS, toggle_url=lambda n, v: toggle_url(request.args, n, v),
                           page_url=lambda p: _with(request.args, seite=p),
                           sort_url=lambda key: _with(request.args, sortierung=key, seite=1))
