"""Whoosh full-text and facet index over normalized offers; derived data, never the only copy.

Reads offer records (plain dicts with the schema's field names); of ours it imports only
`normalize` (the schema's enums: funding programmes and formats; the gazetteer gives a town's
district).
"""
from .search import SearchQuery, SearchResult, Searcher
from .store import IndexStore

__all__ = ["IndexStore", "SearchQuery", "SearchResult", "Searcher"]
