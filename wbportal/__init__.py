"""Orchestration: configuration, CLI, the offer catalogue and the crawl pipeline.

The only package that imports all others (crawlers run as subprocesses, normalize, index,
webui); none of them imports it.
"""
