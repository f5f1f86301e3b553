"""schedules.yaml: the office's nightly jobs, validated with line numbers like sources.yaml."""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Union

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..config import SourcesFile
from ..yamlfile import ConfigError, load_yaml

# The actions a job can run (carried out by ops.jobs.run); the one definition of the list.
Action = Literal["crawl", "renormalize", "rebuild_index", "cleanup", "digest", "renewals", "publish"]
ACTIONS: tuple[str, ...] = Action.__args__


class TagSelector(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tag: str


class Job(BaseModel):
    """One named job: when (cron in the schedule's time zone), what, and for which sources."""

    model_config = ConfigDict(extra="forbid")

    name: str
    cron: str = Field(..., description='Five fields: minute hour day month weekday, e.g. "0 2 * * *".')
    action: Action = "crawl"
    sources: Union[Literal["all"], list[str], TagSelector] = "all"
    jitter_minutes: int = Field(0, ge=0, le=180, description="Spread sources over this many minutes.")
    timeout_minutes: int = Field(60, ge=1, le=24 * 60, description="A crawl running longer is stopped.")
    grace_minutes: int = Field(360, ge=0, le=7 * 24 * 60,
                               description="A run missed while the scheduler was down runs on start-up "
                                           "if it is at most this late.")
    keep_days: int = Field(90, ge=1, le=3650, description="cleanup: keep raw snapshots and gone offers this long.")
    enabled: bool = True
    notes: str = ""

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"not a cron expression ({exc}); expected five fields such as \"0 2 * * *\"") from None
        return value

    def trigger(self, timezone: str, jitter: bool = True) -> CronTrigger:
        trigger = CronTrigger.from_crontab(self.cron, timezone=timezone)
        if jitter and self.jitter_minutes:
            trigger.jitter = self.jitter_minutes * 60
        return trigger

    def source_keys(self, sources: SourcesFile) -> list[str]:
        if self.sources == "all":
            return [s.key for s in sources.enabled()]
        if isinstance(self.sources, TagSelector):
            return [s.key for s in sources.enabled() if self.sources.tag in s.tags]
        return list(self.sources)


class Schedules(BaseModel):
    path: Path
    timezone: str
    jobs: dict[str, Job]


def load_schedules(path: str | Path, sources: SourcesFile | None = None) -> Schedules:
    """Read and validate schedules.yaml (and, given sources.yaml, the sources it names)."""
    path = Path(path)
    data, lines = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict):
        raise ConfigError(path, lines.line_for(("jobs",)), "expected a top-level mapping 'jobs:' of job names")
    extra = set(data) - {"jobs", "timezone"}
    if extra:
        first = sorted(extra)[0]
        raise ConfigError(path, lines.line_for((first,)), f"unknown top-level key '{first}'; expected 'timezone' and 'jobs'")
    timezone = data.get("timezone", "Europe/Berlin")
    try:
        from zoneinfo import ZoneInfo
        ZoneInfo(str(timezone))
    except Exception:  # noqa: BLE001 - any unknown zone
        raise ConfigError(path, lines.line_for(("timezone",)), f"unknown time zone {timezone!r}; e.g. Europe/Berlin") from None
    jobs = {}
    for name, spec in data["jobs"].items():
        where = ("jobs", name)
        if not isinstance(spec, dict):
            raise ConfigError(path, lines.line_for(where), f"job '{name}': expected a mapping of settings")
        try:
            jobs[name] = Job(name=str(name), **spec)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = tuple(p for p in err["loc"] if not str(p).startswith(("literal", "list", "TagSelector")))
            field = ".".join(map(str, loc)) or "job"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown setting; valid: {', '.join(n for n in Job.model_fields if n != 'name')}"
            elif err["type"] == "literal_error" and loc and loc[0] == "action":
                message = f"unknown action {err['input']!r}; expected one of {', '.join(ACTIONS)}"
            raise ConfigError(path, lines.line_for(where + loc[:1]), f"job '{name}': {field}: {message}") from None
        if sources is not None and isinstance(jobs[name].sources, list):
            unknown = [k for k in jobs[name].sources if k not in sources.sources]
            if unknown:
                raise ConfigError(path, lines.line_for(where + ("sources",)),
                                  f"job '{name}': unknown source(s) {', '.join(unknown)}; known: "
                                  f"{', '.join(sorted(sources.sources))}")
        if sources is not None and isinstance(jobs[name].sources, TagSelector):
            if not jobs[name].source_keys(sources):
                raise ConfigError(path, lines.line_for(where + ("sources",)),
                                  f"job '{name}': no enabled source has the tag '{jobs[name].sources.tag}'")
    return Schedules(path=path, timezone=str(timezone), jobs=jobs)
