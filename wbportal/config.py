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


class _Crawlable(_Strict):
    """What a crawl needs: a strategy, where to start, and the settings blocks strategies read
    (shared by a source and its fallback)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    strategy: Literal[STRATEGIES]
    start_urls: list[HttpUrl] = Field(..., min_length=1)
    listing: Optional[PageSpec] = Field(None, alias="list")
    detail: Optional[PageSpec] = None
    api: Optional[ApiSpec] = None
    feed: Optional[FeedSpec] = None
    xml: Optional[XmlSpec] = None
    sitemap: Optional[SitemapSpec] = None


class FallbackSpec(_Crawlable):
    """Where to crawl instead when the start URLs fail (e.g. an iCal export when a WordPress site
    switched its REST API off): another strategy with its own start URLs and settings blocks."""


class Source(_Crawlable):
    """One provider as configured in sources.yaml."""

    key: str
    provider: str = Field(..., min_length=1)
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


def _expand(value, where: tuple, problems: list[tuple[tuple, str]]):
    """`${VAR}` expanded in every string; an unset variable is noted (location, message) and its
    string kept, so that the rest of the file is still checked."""
    if isinstance(value, str):
        try:
            return expand_env(value)
        except KeyError as exc:
            problems.append((where, f"environment variable {exc.args[0]} is not set "
                                    f"(use ${{{exc.args[0]}:-default}})"))
            return value
    if isinstance(value, dict):
        return {k: _expand(v, where + (k,), problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, where + (i,), problems) for i, v in enumerate(value)]
    return value


def _is_branch_tag(step) -> bool:
    """pydantic names the branch of a union in an error's location ('str', 'FieldSpec',
    'list[str]', 'function-after[...]'); such steps are no settings of the file."""
    return isinstance(step, str) and (step in _BRANCH_KINDS or step.startswith("function-"))


_BRANCH_KINDS = {"str": "text", "list[str]": "a list of texts",
                 "FieldSpec": "a mapping such as {css: ..., regex: ...}"}


def _loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags ('str', 'FieldSpec', 'function-after[...]') from a location."""
    return tuple(p for p in loc if not _is_branch_tag(p))


def _prune_unions(errors: list[dict]) -> list[dict]:
    """One report per problem where pydantic reports a value once per branch of a union.

    A field spec is text or a mapping: a mapping with a misspelt key fails as text ("should be a
    valid string") and as a mapping (the real problem). Keep the branch whose kind the value has
    (the one with errors inside the value); when the value fits no branch's kind, one error
    'expected text or a mapping ...'. Locations come back without branch tags."""
    result, points = [], {}
    for err in errors:
        loc = tuple(err["loc"])
        tag = next((i for i, step in enumerate(loc) if _is_branch_tag(step)), None)
        if tag is None:
            result.append(err)
        else:
            points.setdefault(loc[:tag], []).append(err)
    for prefix, group in points.items():
        at = len(prefix)
        inside = [e for e in group if len(e["loc"]) > at + 1]
        if inside:
            branch = inside[0]["loc"][at]
            chosen = [dict(e, loc=prefix + tuple(e["loc"][at + 1:])) for e in group if e["loc"][at] == branch]
            result += _prune_unions(chosen)
        else:
            kinds = list(dict.fromkeys(_BRANCH_KINDS.get(e["loc"][at], "text") for e in group))
            result.append({"type": "wrong_kind", "loc": prefix, "input": group[0].get("input"),
                           "msg": f"expected {' or '.join(kinds)}, not {group[0].get('input')!r}"})
    return result


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
    field = ".".join(loc)
    if not loc:  # the source as a whole (a rule across its settings)
        return err["msg"].removeprefix("Value error, ")
    if err["type"] == "literal_error" and loc and loc[-1] == "strategy":
        return f"{field}: unknown strategy {err['input']!r}; expected one of {', '.join(STRATEGIES)}"
    if err["type"] == "missing":
        return f"{field}: required but missing"
    if err["type"] == "extra_forbidden":
        names = _valid_names(_loc(err["loc"])[:-1])
        close = difflib.get_close_matches(str(err["loc"][-1]), names, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; valid here: {', '.join(sorted(names))}"
        return f"{field}: unknown setting{hint}"
    if err["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return f"{field}: expected a mapping of settings, not {err.get('input')!r}"
    if err["type"] == "list_type":
        return f"{field}: expected a list, not {err.get('input')!r}"
    if err["type"] == "string_pattern_mismatch":
        return f"{field}: {err.get('input')!r} does not have the expected form ({err['ctx']['pattern']})"
    return f"{field}: {err['msg'].removeprefix('Value error, ')}"


def _problems(errors: list[dict]) -> list[tuple[tuple, str, bool]]:
    """(location in the source, explanation, is-missing) for each distinct problem of a source.

    A misspelt required key is one problem, not two: pydantic says 'strategie' is unknown and
    'strategy' is missing; when the unknown key is close to a missing one at the same place,
    the two become one message at the misspelt key's line."""
    errors = _prune_unions(errors)
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    paired: set[tuple] = set()
    result = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            wanted = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m not in paired]
            close = difflib.get_close_matches(str(loc[-1]), wanted, n=1, cutoff=0.6)
            if close:
                paired.add(loc[:-1] + (close[0],))
                field = ".".join(str(p) for p in loc)
                result.append((loc, f"{field}: unknown setting; did you mean '{close[0]}'? "
                                    f"('{close[0]}' is required and missing)", False))
                continue
        result.append((loc, _explain(err), err["type"] == "missing"))
    return [p for p in result if not (p[2] and p[0] in paired)]


class ConfigErrors(ConfigError):
    """Every problem of a configuration file at once, so that a maintainer fixes them in one go.

    A ConfigError all the same (the first problem's file, line and message are its attributes), so
    that `except ConfigError` in crawl, serve and the scheduler keeps working; its text is every
    problem, one per line."""

    def __init__(self, errors: list[ConfigError]):
        first = errors[0]
        super().__init__(first.file, first.line, first.message)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def _check_source(key, spec, path: Path, lines: LineMap) -> tuple[Source | None, list[ConfigError]]:
    """One source validated, with every problem it has (each at its own line)."""
    where = ("sources", key)
    if not isinstance(spec, dict):
        return None, [ConfigError(path, lines.line_for(where), f"source '{key}': expected a mapping of settings")]
    env_problems: list[tuple[tuple, str]] = []
    own = _expand(spec, where, env_problems)
    errors = [ConfigError(path, lines.line_for(at), f"source '{key}': {message}") for at, message in env_problems]
    try:
        expanded = source_templates.expand(own, key, path, lines)
    except ConfigError as exc:
        return None, errors + [exc]
    try:
        return Source.model_validate({**expanded, "key": key}), errors
    except ValidationError as exc:
        problems = _problems(exc.errors())
    unset = {at[len(where):] for at, _ in env_problems}  # already said: the variable is not set
    for loc, message, is_missing in problems:
        if loc in unset:
            continue
        at = loc[:-1] if is_missing else loc  # a missing key is missing from its parent
        if own.get("template") and source_templates.from_template(at, own):
            message += f" (set by template '{own['template']}'; override it in the source)"
            at = ("template",)
        errors.append(ConfigError(path, lines.line_for(where + at), f"source '{key}': {message}"))
    return None, errors


def check_sources(path: str | Path) -> tuple[SourcesFile, list[ConfigError]]:
    """Read and validate sources.yaml, finding every problem: the valid sources, and one
    ConfigError per problem (file, line, source key, setting), in the order of the file.

    Only a file that is no YAML at all (a syntax error, a duplicate key) stops at its first
    problem: nothing after it can be read reliably."""
    path = Path(path)
    try:
        data, lines = load_yaml(path)
    except ConfigError as exc:
        return SourcesFile(path=path, sources={}), [exc]
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        return SourcesFile(path=path, sources={}), [ConfigError(
            path, lines.line_for(("sources",)), "expected a top-level mapping 'sources:' of provider keys")]
    sources, errors = {}, []
    for key, spec in data["sources"].items():
        source, problems = _check_source(key, spec, path, lines)
        errors += problems
        if source is not None and not problems:
            sources[key] = source
    for extra in sorted(set(data) - {"sources"}, key=str):
        errors.append(ConfigError(path, lines.line_for((extra,)), f"unknown top-level key '{extra}'; expected only 'sources'"))
    unique = list({(e.file, e.line, e.message): e for e in errors}.values())
    unique.sort(key=lambda e: (e.file != str(path), e.line or 0))
    return SourcesFile(path=path, sources=sources), unique


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate sources.yaml; raises ConfigErrors (a ConfigError) naming every problem's
    file, line and source key."""
    sources, errors = check_sources(path)
    if errors:
        raise ConfigErrors(errors)
    return sources
