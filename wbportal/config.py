"""sources.yaml: the typed model of a provider source and its validation with line numbers."""
from __future__ import annotations

import difflib
import typing
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, Optional, Union
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from crawlers.strategies import REGISTRY, SITEMAP_EXTRACTS, STRATEGY_NAMES
from normalize.enums import FORMATS

from . import source_templates
from .yamlfile import ConfigError, LineMap, expand_env, load_yaml

# Strategy names come from the crawlers' registry, formats from the schema: both are defined once.
STRATEGIES = STRATEGY_NAMES


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{url}' is not an http(s) URL")
    return url


HttpUrl = Annotated[str, AfterValidator(_check_url)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldSpec(_Strict):
    """How to get one raw field: a selector (CSS, XPath or JMESPath) plus small post-processing."""

    css: Optional[str] = None
    xpath: Optional[str] = None
    path: Optional[str] = Field(None, description="JMESPath (json strategy) or property (feed).")
    attr: Optional[str] = None
    regex: Optional[str] = Field(None, description="Keep the first capture group (or the match).")
    join: str = " "
    all: bool = True
    default: Optional[str] = None
    strip_label: Union[str, list[str], None] = None
    const: Optional[str] = None
    template: Optional[str] = Field(None, description='Wraps the value, e.g. "#{}" for an anchor.')


Spec = Union[str, FieldSpec]


class SessionsSpec(_Strict):
    """The sessions (Termine) of a run, one element or record each: a session table on a detail
    page, `<termine><termin>` in an XML export, a list in a JSON record. Selectors are relative to
    the session element; `start`/`end` are date-times, or times of day when `date` is given."""

    item: str = Field(..., description="Selector of each session, relative to the run (page, record).")
    date: Optional[Spec] = None
    start: Spec
    end: Optional[Spec] = None


class RunsSpec(_Strict):
    item: str
    fields: dict[str, Spec] = {}
    sessions: Optional[SessionsSpec] = None


class PageSpec(_Strict):
    """Selectors on a list page (`item`, `link`, `next`) or a detail page (`fields`, `runs`)."""

    item: Optional[str] = None
    link: Optional[str] = None
    next: Optional[str] = None
    fields: dict[str, Spec] = {}
    runs: Optional[RunsSpec] = None
    sessions: Optional[SessionsSpec] = None


class ApiSpec(_Strict):
    records: str = Field(..., description="JMESPath to the list of records in a page.")
    next: Optional[str] = Field(None, description="JMESPath to the next page's URL.")
    page_param: Optional[str] = Field(None, description="Query parameter counting pages (?page=2).")
    offset_param: Optional[str] = Field(None, description="Query parameter counting records (?offset=20).")
    page_size: Optional[int] = Field(None, ge=1, description="Records per full page (offset paging).")
    fields: dict[str, Spec] = {}
    runs: Optional[str] = Field(None, description="JMESPath, relative to a record, to its runs.")
    run_fields: dict[str, Spec] = {}
    sessions: Optional[SessionsSpec] = None

    @model_validator(mode="after")
    def _one_paging(self):
        given = [name for name in ("next", "page_param", "offset_param") if getattr(self, name)]
        if len(given) > 1:
            raise ValueError(f"choose one way of paging, not {' and '.join(given)}")
        if self.offset_param and not self.page_size:
            raise ValueError("'offset_param' needs 'page_size' (records on a full page)")
        return self


class FeedSpec(_Strict):
    fields: dict[str, Spec] = {}


class XmlSpec(_Strict):
    records: str = Field(..., description="XPath to each course (or run) record.")
    runs: Optional[str] = Field(None, description="XPath, relative to a record, to its runs.")
    next: Optional[str] = None
    namespaces: dict[str, str] = {}
    fields: dict[str, Spec] = {}
    run_fields: dict[str, Spec] = {}
    sessions: Optional[SessionsSpec] = None


class SitemapSpec(_Strict):
    extract: Literal[SITEMAP_EXTRACTS] = SITEMAP_EXTRACTS[0]
    follow: list[str] = Field([], description="Regexes; only matching page URLs are crawled.")
    lastmod_after: Optional[Annotated[str, BeforeValidator(lambda v: v.isoformat() if isinstance(v, date) else v)]] = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Only pages modified after this day (YYYY-MM-DD).")


class LocationDefault(_Strict):
    name: Optional[str] = None
    street: Optional[str] = None
    postal_code: Optional[str] = None
    town: Optional[str] = None


class Defaults(_Strict):
    format: Optional[Literal[FORMATS]] = None
    category: Optional[str] = None
    language: str = "de"
    location: Optional[LocationDefault] = None


class ContactSpec(_Strict):
    """How people reach the provider about its courses (shown on offer pages, used for mail)."""

    email: Optional[str] = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="E-mail address.")
    phone: Optional[str] = Field(None, pattern=r"^[+\d][\d /()\-]{4,30}$", description="Telephone number.")
    url: Optional[HttpUrl] = Field(None, description="Contact or booking page.")

    @model_validator(mode="after")
    def _something(self):
        if not (self.email or self.phone or self.url):
            raise ValueError("give at least one of email, phone, url")
        return self


class FallbackSpec(_Strict):
    """Where to crawl instead when the start URLs fail (e.g. an iCal export when a WordPress site
    switched its REST API off): another strategy with its own start URLs and settings blocks."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    strategy: Literal[STRATEGIES]
    start_urls: list[HttpUrl] = Field(..., min_length=1)
    listing: Optional[PageSpec] = Field(None, alias="list")
    detail: Optional[PageSpec] = None
    api: Optional[ApiSpec] = None
    feed: Optional[FeedSpec] = None
    xml: Optional[XmlSpec] = None
    sitemap: Optional[SitemapSpec] = None


class Source(_Strict):
    """One provider as configured in sources.yaml."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    key: str
    provider: str = Field(..., min_length=1)
    strategy: Literal[STRATEGIES]
    start_urls: list[HttpUrl] = Field(..., min_length=1)
    template: Optional[str] = Field(None, description="Source template this source was expanded from.")
    site: Optional[HttpUrl] = Field(None, description="The provider's web address ({site} in templates).")
    headers: dict[str, str] = Field({}, description="HTTP request headers sent with every request.")
    fallback: Optional[FallbackSpec] = None
    enabled: bool = True
    allowed_domains: Optional[list[str]] = None
    max_pages: int = Field(200, ge=1, le=100000)
    max_bytes: Optional[int] = Field(None, ge=1024, description="Cap on downloaded bytes per run.")
    download_delay: Optional[float] = Field(None, ge=0)
    concurrency: Optional[int] = Field(None, ge=1, le=32)
    max_drop_share: float = Field(0.5, gt=0, le=1, description="A run that lost more than this share of the "
                                  "source's offers is degraded and removes nothing.")
    tags: list[str] = []
    notes: str = ""
    defaults: Defaults = Defaults()
    contact: Optional[ContactSpec] = None
    listing: Optional[PageSpec] = Field(None, alias="list")
    detail: Optional[PageSpec] = None
    api: Optional[ApiSpec] = None
    feed: Optional[FeedSpec] = None
    xml: Optional[XmlSpec] = None
    sitemap: Optional[SitemapSpec] = None

    @model_validator(mode="after")
    def _strategy_blocks(self):
        wanted = REGISTRY[self.strategy].needs_one_of  # sources.yaml keys; `list` is the field `listing`
        if wanted and not any(getattr(self, "listing" if block == "list" else block) for block in wanted):
            raise ValueError(f"strategy '{self.strategy}' needs a '{' or '.join(wanted)}' block")
        if self.strategy == "html":
            title_given = any(pg and "title" in pg.fields for pg in (self.listing, self.detail)) or (
                self.detail and self.detail.runs and "title" in self.detail.runs.fields)
            if not title_given:
                raise ValueError("strategy 'html' needs a 'title' field in list.fields or detail.fields")
        return self

    def domains(self) -> list[str]:
        return self.allowed_domains or sorted({urlsplit(u).hostname for u in self.start_urls})

    def crawl_config(self) -> dict:
        """What the crawler subprocess needs, as plain JSON."""
        return self.model_dump(mode="json", by_alias=True) | {"allowed_domains": self.domains()}


class SourcesFile(BaseModel):
    path: Path
    sources: dict[str, Source]

    def enabled(self) -> list[Source]:
        return [s for s in self.sources.values() if s.enabled]

    def select(self, keys: list[str] | None) -> list[Source]:
        """The named sources (all enabled ones when none named); unknown names are an error."""
        if not keys:
            return self.enabled()
        unknown = [k for k in keys if k not in self.sources]
        if unknown:
            raise ConfigError(self.path, None, f"unknown source(s): {', '.join(unknown)}; "
                                               f"known: {', '.join(sorted(self.sources))}")
        return [self.sources[k] for k in keys]


def _expand(value, where: tuple, path: Path, lines: LineMap):
    if isinstance(value, str):
        try:
            return expand_env(value)
        except KeyError as exc:
            raise ConfigError(path, lines.line_for(where),
                              f"environment variable {exc.args[0]} is not set (use ${{{exc.args[0]}:-default}})") from None
    if isinstance(value, dict):
        return {k: _expand(v, where + (k,), path, lines) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, where + (i,), path, lines) for i, v in enumerate(value)]
    return value


def _loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags ('str', 'FieldSpec', 'function-after[...]') from a location."""
    return tuple(p for p in loc if p not in ("str", "FieldSpec") and not str(p).startswith("function-"))


def _models_in(annotation) -> list[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, Union, list and dict values)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict:
        args = args[1:]
    return [m for a in args for m in _models_in(a)]


def _valid_names(path: tuple) -> list[str]:
    """Setting names allowed at a location inside a source, for "did you mean" hints."""
    models: list[type[BaseModel]] = [Source]
    for step in path:
        if isinstance(step, int):
            continue
        nxt = []
        for model in models:
            for name, info in model.model_fields.items():
                if step in (name, info.alias):
                    nxt += _models_in(info.annotation)
        if not nxt:  # a dict key such as a field name: stay with the dict's value models
            nxt = [m for m in models if m is FieldSpec] or models
        models = nxt
    return sorted({info.alias or name for m in models for name, info in m.model_fields.items() if name != "key"})


def _explain(err: dict) -> str:
    loc = [str(p) for p in _loc(err["loc"])]
    field = ".".join(loc) or "source"
    if err["type"] == "literal_error" and err["loc"][-1] == "strategy":
        return f"{field}: unknown strategy {err['input']!r}; expected one of {', '.join(STRATEGIES)}"
    if err["type"] == "missing":
        return f"{field}: required but missing"
    if err["type"] == "extra_forbidden":
        names = _valid_names(_loc(err["loc"])[:-1])
        close = difflib.get_close_matches(str(err["loc"][-1]), names, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; valid here: {', '.join(sorted(names))}"
        return f"{field}: unknown setting{hint}"
    return f"{field}: {err['msg'].removeprefix('Value error, ')}"


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate sources.yaml; raises ConfigError naming file, line and source key."""
    path = Path(path)
    data, lines = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise ConfigError(path, lines.line_for(("sources",)), "expected a top-level mapping 'sources:' of provider keys")
    sources = {}
    for key, spec in data["sources"].items():
        where = ("sources", key)
        if not isinstance(spec, dict):
            raise ConfigError(path, lines.line_for(where), f"source '{key}': expected a mapping of settings")
        own = _expand(spec, where, path, lines)
        spec = source_templates.expand(own, key, path, lines)
        try:
            sources[key] = Source(key=key, **spec)
        except ValidationError as exc:
            errors = exc.errors()
            # For a field spec (string or mapping) the mapping branch's error says more.
            err = next((e for e in errors if "FieldSpec" in e["loc"]), errors[0])
            loc = _loc(err["loc"])
            message = f"source '{key}': {_explain(err)}"
            if own.get("template") and source_templates.from_template(loc, own):
                message += f" (set by template '{own['template']}'; override it in the source)"
                loc = ("template",)
            raise ConfigError(path, lines.line_for(where + loc), message) from None
    extra = set(data) - {"sources"}
    if extra:
        first = sorted(extra)[0]
        raise ConfigError(path, lines.line_for((first,)), f"unknown top-level key '{first}'; expected only 'sources'")
    return SourcesFile(path=path, sources=sources)
