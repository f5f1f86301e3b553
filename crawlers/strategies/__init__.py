"""Extraction strategies, one module each; the generic spider picks one per source."""
