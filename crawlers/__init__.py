"""Scrapy crawlers: one generic spider configured per source; emits raw items only.

Imports nothing else of this project at run time, so a crawl can run in its own process from a
plain JSON source configuration (see `crawlers.run`). Only type checkers read one module of
`normalize`: raw_item.py, the raw item contract both sides share. The strategy names are
registered in `crawlers.strategies` (importable without Scrapy; sources.yaml validation uses them).
"""
