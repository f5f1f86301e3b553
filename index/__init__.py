"""Whoosh full-text and facet index over normalized offers; derived data, never the only copy.

Reads offer records (plain dicts with the schema's field names); imports nothing of ours but
the gazetteer-free parts of `normalize` it needs for labels.
"""
from .search import SearchQuery, SearchResult, Searcher
from .store import IndexStore

__all__ = ["IndexStore", "SearchQuery", "SearchResult", "Searcher"]
