"""Scrapy crawlers: one generic spider configured per source; emits raw items only.

Imports nothing else of this project, so a crawl can run in its own process from a plain JSON
source configuration (see `crawlers.run`).
"""
