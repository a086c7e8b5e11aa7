"""The one YAML loader and dumper of the project.

* Safe loading only, through libyaml's C parser where it is installed.
* Dates stay strings (``1961-05``, ``1651-03-25``: historical dates are not Python dates), and
  only ``true``/``false`` are booleans (``no`` is Norwegian, not False).
* Mapping keys are strings.
* Duplicate keys are refused (YAML would silently keep the last).
* Anchors and aliases are refused outright: metadata never needs them, and refusing them makes
  "billion laughs" documents fail at once instead of being expanded.
* Every value's line is kept, addressed by JSON pointer, so errors can name the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import YAMLError
from .textio import MAX_METADATA_BYTES, decode_utf8, read_bytes

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader without the timestamp resolver and with YAML 1.2-style booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


@dataclass
class YAMLDoc:
    """A loaded YAML file: its data and the line (1-based) of every value by JSON pointer."""

    data: Any
    path: str | None = None
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, pointer: str) -> int | None:
        """The line of ``pointer``, or of its nearest ancestor that has one."""
        p = pointer
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p.rsplit("/", 1)[0]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _walk(
    node: yaml.Node,
    pointer: str,
    lines: dict[str, int],
    seen: set[int],
    path: str | None,
    line: int | None = None,
) -> None:
    """Record lines (a mapping value's is its key's), refuse aliases, make keys strings."""
    if id(node) in seen:  # the alias (its key's line where known; else the anchor's)
        raise YAMLError(
            "YAML anchors and aliases are not allowed in metadata",
            path=path,
            line=line if line is not None else node.start_mark.line + 1,
        )
    seen.add(id(node))
    lines[pointer] = line if line is not None else node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise YAMLError(
                    "mapping keys must be plain text", path=path, line=key.start_mark.line + 1
                )
            if key.tag == "tag:yaml.org,2002:merge":
                raise YAMLError(
                    "YAML merge keys ('<<') are not allowed in metadata",
                    path=path,
                    line=key.start_mark.line + 1,
                )
            key.tag = "tag:yaml.org,2002:str"
            if key.value in keys:
                raise YAMLError(
                    f"duplicate key {key.value!r} (first on line {keys[key.value]}); a key may "
                    "appear once in a mapping",
                    path=path,
                    line=key.start_mark.line + 1,
                )
            keys[key.value] = key.start_mark.line + 1
            _walk(
                value, f"{pointer}/{_escape(key.value)}", lines, seen, path, key.start_mark.line + 1
            )
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{pointer}/{i}", lines, seen, path)


def loads(text: str, path: str | Path | None = None) -> YAMLDoc:
    """Parse one YAML document from a string."""
    where = str(path) if path is not None else None
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "malformed YAML"
            raise YAMLError(
                f"malformed YAML: {problem}",
                path=where,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            ) from None
        except yaml.YAMLError as exc:
            raise YAMLError(f"malformed YAML: {exc}", path=where) from None
        if node is None:
            return YAMLDoc(None, where, {})
        lines: dict[str, int] = {}
        _walk(node, "", lines, set(), where)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise YAMLError(
                f"malformed YAML: {exc.problem or exc.context}",
                path=where,
                line=mark.line + 1 if mark else None,
            ) from None
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            raise YAMLError(f"malformed YAML: {exc}", path=where) from None
    finally:
        loader.dispose()
    return YAMLDoc(data, where, lines)


def load(path: str | Path, *, store_file: bool = False) -> YAMLDoc:
    """Read and parse a YAML metadata file (strict UTF-8, size-limited).  A ``store_file``
    must be a regular file, not a symlink (see :meth:`provenance.store.Store.read_bytes`)."""
    raw = read_bytes(
        path,
        limit=MAX_METADATA_BYTES,
        what="metadata file",
        regular=store_file,
        no_follow=store_file,
    )
    return loads(decode_utf8(raw, path, what="metadata file"), path)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    pass


def _str_representer(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dumps(data: Any) -> str:
    """Serialise metadata as block-style YAML, keys in the order given, Unicode kept readable."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


def iter_pointers(data: Any, pointer: str = "") -> Iterator[str]:
    """Every JSON pointer in ``data`` (used by metadata diffs and checks)."""
    yield pointer
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_pointers(value, f"{pointer}/{_escape(str(key))}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_pointers(value, f"{pointer}/{i}")
