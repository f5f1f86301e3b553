"""YAML loading that remembers line numbers and rejects duplicate keys.

Maintainers edit sources.yaml and schedules.yaml by hand at 8 am; an error must name the file,
the line and the key, so we keep each node's line while constructing plain Python data.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml


class ConfigError(Exception):
    """A configuration file is unusable; the message names file, line and what is wrong."""

    def __init__(self, file: str | Path, line: int | None, message: str):
        self.file, self.line, self.message = str(file), line, message
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {message}")


class LineMap(dict):
    """Maps a path tuple such as ("sources", "erzwerk", "start_urls", 0) to a 1-based line."""

    def line_for(self, path: tuple) -> int | None:
        while path:
            if path in self:
                return self[path]
            path = path[:-1]
        return self.get((), None)


_ENV = re.compile(r"\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?::-(?P<default>[^}]*))?\}")


def expand_env(value: str) -> str:
    """`${VAR}` and `${VAR:-default}` in strings, so one file serves demo and production."""

    def repl(m: re.Match) -> str:
        found = os.environ.get(m["name"])
        if found is None:
            if m["default"] is None:
                raise KeyError(m["name"])
            return m["default"]
        return found

    return _ENV.sub(repl, value)


def load_yaml(path: str | Path) -> tuple[object, LineMap]:
    """Parse a YAML file into plain data plus the line of every key and list item."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"not UTF-8 text ({exc.reason})") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(path, mark.line + 1 if mark else None, f"YAML syntax error: {problem}") from None
    lines = LineMap()
    if root is None:
        return None, lines
    constructor = yaml.SafeLoader("")

    def build(node: yaml.Node, where: tuple):
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                if key in result:
                    raise ConfigError(path, key_node.start_mark.line + 1,
                                      f"duplicate key '{key}' (first defined on line {lines[where + (key,)]})")
                lines[where + (key,)] = key_node.start_mark.line + 1
                result[key] = build(value_node, where + (key,))
                lines[where + (key,)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, where + (i,)) for i, item in enumerate(node.value)]
        return constructor.construct_object(node, deep=True)

    return build(root, ()), lines
