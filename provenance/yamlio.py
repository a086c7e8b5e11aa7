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

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_WILDCARD = list(_Loader.yaml_implicit_resolvers.get(None, []))
#: The implicit resolvers by a plain scalar's first character ("" for an empty one).
_IMPLICIT = {
    first: [*resolvers, *_WILDCARD]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


def _resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged node: PyYAML's resolver less its path resolvers (none are
    registered), called by the composer for every node, so kept short."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return str(tag)
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def _no_path_resolvers(self: Any, *args: Any) -> None:
    """No path resolvers are registered: nothing to descend into or ascend from."""


_Loader.resolve = _resolve
_Loader.descend_resolver = _no_path_resolvers
_Loader.ascend_resolver = _no_path_resolvers


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
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


class _Builder:
    """One walk over the composed node tree that builds the data, records every value's line
    (a mapping value's is its key's), refuses aliases, merge keys, non-text keys and
    duplicate keys, and makes keys strings.

    Plain mappings, sequences and strings (almost every node of a metadata file) are built
    here directly; other scalars (numbers, booleans, null) and any explicit tag go through
    the loader's own safe constructors, whose first error is raised once the walk is done,
    so that the walk's errors (duplicates, aliases) come first, as they always did."""

    __slots__ = ("constructors", "error", "lines", "loader", "path", "seen")

    def __init__(self, loader: Any, path: str | None) -> None:
        self.loader = loader
        self.constructors: dict[str, Any] = loader.yaml_constructors
        self.path = path
        self.lines: dict[str, int] = {}
        self.seen: set[int] = set()
        self.error: Exception | None = None

    def build(self, node: yaml.Node, pointer: str, line: int | None = None) -> Any:
        seen = self.seen
        count = len(seen)
        seen.add(id(node))
        if len(seen) == count:  # the alias (its key's line where known; else the anchor's)
            self.alias(node, line)
        lines = self.lines
        lines[pointer] = line if line is not None else node.start_mark.line + 1
        kind = type(node)
        if kind is _SCALAR and node.tag == _STR:
            return node.value
        if kind is _MAPPING:
            keys: dict[str, int] = {}
            out: dict[str, Any] = {}
            for key, value in node.value:
                if type(key) is not _SCALAR:
                    raise YAMLError(
                        "mapping keys must be plain text",
                        path=self.path,
                        line=key.start_mark.line + 1,
                    )
                key_line = key.start_mark.line + 1
                if key.tag == _MERGE:
                    raise YAMLError(
                        "YAML merge keys ('<<') are not allowed in metadata",
                        path=self.path,
                        line=key_line,
                    )
                name = key.value
                key.tag = _STR
                if name in keys:
                    raise YAMLError(
                        f"duplicate key {name!r} (first on line {keys[name]}); a key may "
                        "appear once in a mapping",
                        path=self.path,
                        line=key_line,
                    )
                keys[name] = key_line
                inner = f"{pointer}/{_escape(name)}"
                if type(value) is _SCALAR and value.tag == _STR:  # the usual leaf, here
                    count = len(seen)
                    seen.add(id(value))
                    if len(seen) == count:
                        self.alias(value, key_line)
                    lines[inner] = key_line
                    out[name] = value.value
                else:
                    out[name] = self.build(value, inner, key_line)
            return out if node.tag == _MAP else self.other(node)
        if kind is _SEQUENCE:
            items = [self.build(item, f"{pointer}/{i}") for i, item in enumerate(node.value)]
            return items if node.tag == _SEQ else self.other(node)
        return self.other(node)

    def alias(self, node: yaml.Node, line: int | None) -> None:
        raise YAMLError(
            "YAML anchors and aliases are not allowed in metadata",
            path=self.path,
            line=line if line is not None else node.start_mark.line + 1,
        )

    def other(self, node: yaml.Node) -> Any:
        """A node the loader's safe constructors build (its first error kept for later)."""
        if self.error is not None:
            return None
        try:
            construct = self.constructors.get(node.tag)
            if construct is not None and type(node) is yaml.ScalarNode:
                return construct(self.loader, node)
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            self.error = exc
            return None


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
        builder = _Builder(loader, where)
        data = builder.build(node, "")
        failed = builder.error
        if isinstance(failed, yaml.MarkedYAMLError):
            mark = failed.problem_mark or failed.context_mark
            raise YAMLError(
                f"malformed YAML: {failed.problem or failed.context}",
                path=where,
                line=mark.line + 1 if mark else None,
            )
        if failed is not None:
            raise YAMLError(f"malformed YAML: {failed}", path=where)
    finally:
        loader.dispose()
    return YAMLDoc(data, where, builder.lines)


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
