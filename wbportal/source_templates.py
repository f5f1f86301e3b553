"""Source templates: the configuration of a publishing system, written once as YAML data.

Most regional providers publish through a handful of systems (KuferWEB and KuferSQL at the
Volkshochschulen, WordPress with The Events Calendar, MOOChub feeds, plain schema.org pages). A
template holds everything such a system has in common, so that a maintainer names the system and
the provider's address and is done:

    vhs-musterstadt:
      provider: Volkshochschule Musterstadt
      template: kuferweb
      site: https://www.vhs-musterstadt.de

A template file (`wbportal/data/source_templates/NAME.yaml`, or `source_templates/NAME.yaml` beside
the sources file for a maintainer's own) has a `description`, the keys a source must give
(`needs`, usually `site`) and `source:`, the settings it expands to. `{site}` in the template's
strings is replaced by the source's `site` (without a trailing slash). The source's own settings
override the template key by key: mappings are merged recursively, everything else (lists,
strings) is replaced whole. Expansion happens before validation, so `wbportal sources check`
validates the expanded form and `wbportal sources show KEY` prints it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from .yamlfile import ConfigError, LineMap, load_yaml

BUILTIN_DIR = Path(__file__).resolve().parent / "data" / "source_templates"
LOCAL_DIRNAME = "source_templates"
"""A directory of this name beside sources.yaml holds a maintainer's own templates (they win)."""


@dataclass(frozen=True)
class SourceTemplate:
    """One template as read from its file."""

    name: str
    path: Path
    description: str
    needs: tuple[str, ...]
    settings: dict
    lines: LineMap = field(compare=False, repr=False)


def template_dirs(sources_path: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: beside the sources file, then built in."""
    dirs = [sources_path.resolve().parent / LOCAL_DIRNAME] if sources_path else []
    return [*dirs, BUILTIN_DIR]


def available(sources_path: Path | None = None) -> list[str]:
    """Names of every template that can be used."""
    return sorted({p.stem for d in template_dirs(sources_path) if d.is_dir() for p in d.glob("*.yaml")})


def load_template(name: str, sources_path: Path | None = None) -> SourceTemplate:
    """The named template; ConfigError (naming the template file and line) when it is unusable."""
    for directory in template_dirs(sources_path):
        path = directory / f"{name}.yaml"
        if path.is_file():
            break
    else:
        raise KeyError(name)
    data, lines = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise ConfigError(path, lines.line_for(("source",)), "a template needs a mapping 'source:' of settings")
    unknown = set(data) - {"description", "needs", "source"}
    if unknown:
        first = sorted(unknown)[0]
        raise ConfigError(path, lines.line_for((first,)),
                          f"unknown key '{first}'; a template has description, needs and source")
    needs = data.get("needs") or []
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise ConfigError(path, lines.line_for(("needs",)), "'needs' must be a list of setting names")
    return SourceTemplate(name=name, path=path, description=str(data.get("description") or "").strip(),
                          needs=tuple(needs), settings=data["source"], lines=lines)


def _fill(value, site: str | None):
    """The template's value with `{site}` replaced (None when the source has no site)."""
    if isinstance(value, str):
        if "{site}" in value and site is None:
            return None
        return value.replace("{site}", site) if site is not None else value
    if isinstance(value, dict):
        return {k: _fill(v, site) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, site) for v in value]
    return value


def merge(base: dict, override: dict) -> dict:
    """`override` on top of `base`: mappings merged recursively, other values replaced whole.

    A key the source sets to null removes the template's value (e.g. `fallback: null`)."""
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        elif value is None:
            result.pop(key, None)
        else:
            result[key] = copy.deepcopy(value)
    return result


def from_template(path: tuple, spec: dict) -> bool:
    """True when the setting at `path` (inside a source) came from the template, not the source."""
    node = spec
    for step in path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return True
    return False


def expand(spec: dict, key: str, sources_path: Path, lines: LineMap) -> dict:
    """A source's settings with its template (if any) expanded underneath them.

    Errors name the line of `template:` in the sources file: the unknown template (with the
    known ones) or a setting the template needs that the source does not give."""
    name = spec.get("template")
    if name is None:
        return spec
    where = ("sources", key, "template")
    if not isinstance(name, str):
        raise ConfigError(sources_path, lines.line_for(where), f"source '{key}': template: expected a template name")
    try:
        template = load_template(name, sources_path)
    except KeyError:
        known = ", ".join(available(sources_path)) or "none"
        raise ConfigError(sources_path, lines.line_for(where),
                          f"source '{key}': unknown template '{name}'; known templates: {known}") from None
    missing = [n for n in template.needs if not spec.get(n)]
    if missing:
        raise ConfigError(sources_path, lines.line_for(where),
                          f"source '{key}': template '{name}' needs '{missing[0]}' "
                          f"({'the provider web address, e.g. https://www.vhs-beispiel.de' if missing[0] == 'site' else 'see ' + str(template.path)})")
    site = spec.get("site")
    site = site.rstrip("/") if isinstance(site, str) else None
    own = {k: v for k, v in spec.items() if k != "template"}
    return merge(_fill(template.settings, site), own) | {"template": name}
