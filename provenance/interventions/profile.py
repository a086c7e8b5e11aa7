"""Profiles: a house's bracket conventions as data (YAML), never as code.

A profile names its bracket signs, the types it knows (with how each shows in the reading and
source-only projections), word lists, and an ordered list of rules; the first rule whose
conditions all hold gives a bracket its type.  Profiles ship in ``provenance/profiles/``
(``default``, ``frus``, ``leiden``); a store may choose one, point to its own file, or add
rules inline under ``interventions:`` in its ``provenance.yaml``::

    interventions:
      profile: frus            # a shipped name, or a path relative to the records folder
      rules:                   # tried before the profile's own rules
        - {type: gap, pattern: 'water[- ]damaged'}
      vocab:
        surnames: [Kapitsa]    # added to the profile's list

The shape of a profile file (and of that block) is ``schemas/profile.schema.json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import SchemaError, UnsafePathError, UsageError

if TYPE_CHECKING:
    from ..store import Store
    from ..yamlio import YAMLDoc

#: The profiles shipped with the package.
BUILTIN = ("default", "frus", "leiden")

#: How a type shows in a projection: ``content`` drops the brackets and keeps what is inside,
#: ``drop`` removes the whole span, ``keep`` leaves it as it is, ``parens`` puts the content
#: in round brackets.
MODES = ("content", "drop", "keep", "parens")

#: The type a rule gives to spans that are not part of the editorial layer at all.
IGNORE = "ignore"
#: The type of a bracket no rule matched.
UNKNOWN = "unknown"

_MAX_EXTENDS = 8


class TypeSpec(NamedTuple):
    """One intervention type a profile knows."""

    name: str
    category: str
    reading: str
    source: str
    description: str = ""
    color: str | None = None


class Rule(NamedTuple):
    """Conditions on a bracket and its surroundings, and the type they give it."""

    id: str
    type: str
    pattern_source: str | None = None
    pattern_flags: int = 0
    label: str | None = None
    confidence: float = 1.0
    alternative: str | None = None
    content_case: str | None = None
    content_in: str | None = None
    min_words: int | None = None
    max_words: int | None = None
    glued: str | None = None
    before: str | None = None
    before_in: str | None = None
    after: str | None = None
    after_in: str | None = None
    line_start: bool | None = None
    test: str | None = None
    opaque: bool = False
    description: str = ""

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The content pattern, compiled the first time a bracket is tested against it."""
        if self.pattern_source is None:
            return None
        return _regex(self.pattern_source, self.pattern_flags)


@functools.cache
def _regex(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


class Marker(NamedTuple):
    """A sign that is an intervention by itself, outside any bracket: the ``//`` a
    transcriber puts where a page ends (``на материке // Китая``, ``Ки//тая``).

    A sign counts only where it stands alone: not inside a bracket, not part of a longer
    run of its characters (``///``), and not in a URL or a path (``http://``,
    ``//cdn.example.org``, ``a//b/c``); see :func:`provenance.interventions.parser.marker_at`.
    """

    name: str
    sign: str
    type: str
    label: str | None = None
    confidence: float = 1.0
    description: str = ""


class Profile(NamedTuple):
    """A set of bracket conventions, ready to type interventions."""

    name: str
    source: str
    open: str = "["
    close: str = "]"
    description: str = ""
    types: Mapping[str, TypeSpec] = MappingProxyType({})
    vocab: Mapping[str, frozenset[str]] = MappingProxyType({})
    rules: tuple[Rule, ...] = ()
    lint: Mapping[str, str] = MappingProxyType({})
    markers: tuple[Marker, ...] = ()

    def may_mark(self, text: str) -> bool:
        """Whether ``text`` may hold an intervention of this profile: one of its brackets
        or one of its markers' signs (a quick test before a parse, never a false no)."""
        return (
            self.open in text
            or self.close in text
            or any(marker.sign in text for marker in self.markers)
        )

    def type_spec(self, name: str) -> TypeSpec:
        spec = self.types.get(name)
        if spec is None:  # a type with no entry: treat it as an addition
            return TypeSpec(name, "addition", "content", "drop")
        return spec

    def words(self, vocab: str) -> frozenset[str]:
        return self.vocab.get(vocab, frozenset())


# -- loading ---------------------------------------------------------------------------------


def load_profile(
    spec: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    root: str | Path | None = None,
    config: Mapping[str, Any] | None = None,
) -> Profile:
    """The profile ``spec`` names: a :class:`Profile`, a shipped name (``frus``), a path to a
    YAML file (relative paths from ``root``, else the working directory), or a mapping in the
    form of a profile file.  With no ``spec``, the ``interventions:`` block of a store's
    ``config`` (its ``provenance.yaml``) decides, and failing that the ``default`` profile."""
    if isinstance(spec, Profile):
        return spec
    if spec is None:
        settings = (config or {}).get("interventions")
        if not settings:
            return builtin_profile("default")
        if not isinstance(settings, Mapping):
            raise SchemaError(
                "interventions: must be a mapping (see profile.schema.json)",
                pointer="/interventions",
            )
        confine = Path(root) if root is not None else None
        return _from_data(
            dict(settings), "provenance.yaml#/interventions", root, None, 0, confine=confine
        )
    if isinstance(spec, Mapping):
        return _from_data(dict(spec), "<profile>", root, None, 0)
    return _by_name_or_path(str(spec), root, 0)


def store_profile(
    store: Store, spec: Profile | str | Path | Mapping[str, Any] | None = None
) -> Profile:
    """The profile a store declares (``interventions:`` in its ``provenance.yaml``), or
    ``spec`` when one is given (a name, a path from the working directory, a profile): what
    every command's ``--profile`` means."""
    if spec is not None and spec != "":
        return load_profile(spec)
    return load_profile(config=store.config, root=store.root)


@functools.cache
def builtin_profile(name: str) -> Profile:
    """A profile shipped with the package, by name."""
    if name not in BUILTIN:
        raise UsageError(
            f"no profile named {name!r} (shipped profiles: {', '.join(BUILTIN)}; "
            "or give the path of a YAML file)"
        )
    from .shipped import PROFILES  # provenance/profiles/*.yaml as data, without a YAML parser

    return _from_data(
        PROFILES[name], f"provenance/profiles/{name}.yaml", None, None, 0, validate=False
    )


def _by_name_or_path(
    spec: str, root: str | Path | None, depth: int, confine: Path | None = None
) -> Profile:
    if spec in BUILTIN:
        return builtin_profile(spec)
    looks_like_path = spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec
    if not looks_like_path:
        from ..suggest import did_you_mean

        raise UsageError(
            f"no profile named {spec!r}{did_you_mean(spec, BUILTIN)} (shipped profiles: "
            f"{', '.join(BUILTIN)}; or give the path of a YAML file)"
        )
    from .. import yamlio

    path = Path(spec)
    if confine is not None:
        path = _confined(spec, Path(root) if root is not None else confine, confine)
        doc = yamlio.load(path, store_file=True)
    else:
        if not path.is_absolute() and root is not None:
            path = Path(root) / path
        doc = yamlio.load(path)
    return _from_data(doc.data, str(path), path.parent, doc, depth, confine=confine)


def _confined(spec: str, base: Path, store: Path) -> Path:
    """The profile file ``spec`` a store's settings name: a relative path inside the store,
    never absolute, never through ``..`` or a symlink leading out (nothing is read first, so
    an error can never show another file's content)."""
    import os

    given = Path(spec)
    if (
        given.is_absolute()
        or spec.startswith(("/", "\\"))
        or ".." in given.parts
        or (len(spec) > 1 and spec[1] == ":")
    ):
        raise UnsafePathError(
            f"profile {spec!r} named in the store's settings must be a shipped profile "
            f"({', '.join(BUILTIN)}) or a file inside the store, named relative to it",
            path="provenance.yaml",
        )
    path = base / given
    real = os.path.realpath(path)
    root = os.path.realpath(store)
    if not real.startswith(root.rstrip(os.sep) + os.sep):
        raise UnsafePathError(
            f"profile {spec!r} named in the store's settings leads outside the store",
            path="provenance.yaml",
        )
    return path


def _from_data(
    data: Any,
    where: str,
    root: str | Path | None,
    doc: YAMLDoc | None,
    depth: int,
    *,
    validate: bool = True,
    confine: Path | None = None,
) -> Profile:
    if validate:
        from .. import schema

        schema.validate(data, "profile.schema.json", doc, where)
    if not isinstance(data, dict):
        raise SchemaError("a profile must be a mapping", path=where)
    parent_name = data.get("extends", data.get("profile"))
    parent: Profile | None = None
    if parent_name is not None:
        if depth >= _MAX_EXTENDS:
            raise SchemaError(
                f"profiles extend each other more than {_MAX_EXTENDS} deep (a loop?)",
                path=where,
                pointer="/extends",
            )
        parent = _by_name_or_path(str(parent_name), root, depth + 1, confine)
    elif "schema" not in data and "types" not in data:
        # the store's block with no ``profile:`` adds to the default profile
        parent = builtin_profile("default")

    def line(pointer: str) -> int | None:
        return doc.line_of(pointer) if doc is not None else None

    types = dict(parent.types) if parent else {}
    for name, spec in (data.get("types") or {}).items():
        base = types.get(name)
        types[name] = TypeSpec(
            name=name,
            category=spec.get("category", base.category if base else "addition"),
            reading=spec.get("reading", base.reading if base else "content"),
            source=spec.get("source", base.source if base else "drop"),
            description=spec.get("description", base.description if base else ""),
            color=spec.get("color", base.color if base else None),
        )
    vocab = {k: set(v) for k, v in (parent.vocab.items() if parent else ())}
    for name, words in (data.get("vocab") or {}).items():
        vocab.setdefault(name, set()).update(str(w).casefold() for w in words)
    profile_name = str(data.get("name") or (parent.name if parent else Path(where).stem))

    own: list[Rule] = []
    id_prefix = str(data.get("name") or "local")
    for index, raw in enumerate(data.get("rules") or []):
        pointer = f"/rules/{index}"
        rule = _rule(
            raw, f"{id_prefix}:{index + 1}", where, pointer, line(pointer), compile_now=validate
        )
        for ref in (rule.content_in, rule.before_in, rule.after_in):
            if ref is not None and ref not in vocab:
                raise SchemaError(
                    f"rule {rule.id!r} names a word list {ref!r} that the "
                    "profile does not define (under vocab:)",
                    path=where,
                    line=line(pointer),
                    pointer=pointer,
                )
        if rule.type != IGNORE and rule.type not in types:
            raise SchemaError(
                f"rule {rule.id!r} gives type {rule.type!r}, which the profile "
                f"does not define (types: {', '.join(types)})",
                path=where,
                line=line(pointer),
                pointer=pointer,
            )
        own.append(rule)

    inherited = list(parent.rules) if parent and data.get("inherit_rules", True) else []
    replaced = {r.id for r in own}
    by_id = {r.id: r for r in own}
    rules = [r for r in own if r.id not in {p.id for p in inherited}]
    rules += [by_id.get(p.id, p) if p.id in replaced else p for p in inherited]

    lint = dict(parent.lint) if parent else {}
    lint.update(data.get("lint") or {})
    markers = _markers(data.get("markers") or {}, parent, types, where, line)
    brackets = data.get("brackets") or {}
    return Profile(
        name=profile_name,
        source=where,
        open=brackets.get("open", parent.open if parent else "["),
        close=brackets.get("close", parent.close if parent else "]"),
        description=str(data.get("description", parent.description if parent else "")),
        types=types,
        vocab={k: frozenset(v) for k, v in vocab.items()},
        rules=tuple(rules),
        lint=lint,
        markers=markers,
    )


def _markers(
    given: Mapping[str, Any],
    parent: Profile | None,
    types: Mapping[str, TypeSpec],
    where: str,
    line: Callable[[str], int | None],
) -> tuple[Marker, ...]:
    """The parent's markers with this profile's changes: a name set to ``off`` (or
    ``false``) turns that marker off; a mapping adds a marker or changes some of its keys."""
    by_name = {m.name: m for m in (parent.markers if parent else ())}
    for name, spec in given.items():
        pointer = f"/markers/{name}"
        if spec is False or spec is None or spec == "off":
            by_name.pop(name, None)
            continue
        base = by_name.get(name)
        sign = spec.get("sign", base.sign if base else None)
        type_ = spec.get("type", base.type if base else None)
        if not sign or not type_:
            raise SchemaError(
                f"marker {name!r} needs a sign and a type",
                path=where,
                line=line(pointer),
                pointer=pointer,
            )
        if any(ch.isspace() or ch.isalnum() for ch in str(sign)):
            raise SchemaError(
                f"marker {name!r}: its sign {sign!r} must be made of punctuation or symbols "
                "(letters, digits and spaces are the text's own)",
                path=where,
                line=line(pointer),
                pointer=pointer + "/sign",
            )
        if type_ not in types:
            raise SchemaError(
                f"marker {name!r} gives type {type_!r}, which the profile does not define "
                f"(types: {', '.join(types)})",
                path=where,
                line=line(pointer),
                pointer=pointer + "/type",
            )
        by_name[name] = Marker(
            name=name,
            sign=str(sign),
            type=str(type_),
            label=spec.get("label", base.label if base else None),
            confidence=float(spec.get("confidence", base.confidence if base else 1.0)),
            description=str(spec.get("description", base.description if base else "")),
        )
    return tuple(by_name.values())


def _rule(
    raw: dict[str, Any],
    default_id: str,
    where: str,
    pointer: str,
    line: int | None,
    *,
    compile_now: bool,
) -> Rule:
    """A rule from its YAML; a profile from a file has its patterns compiled at once, so a
    bad one is reported where it is (the shipped ones compile when first used)."""
    source = None if raw.get("pattern") is None else str(raw["pattern"])
    flags = re.DOTALL | (0 if raw.get("case_sensitive") else re.IGNORECASE)
    if source is not None and compile_now:
        try:
            _regex(source, flags)
        except re.error as exc:
            raise SchemaError(
                f"rule pattern is not a valid regular expression: {exc}",
                path=where,
                line=line,
                pointer=pointer + "/pattern",
            ) from None
    return Rule(
        id=str(raw.get("id") or default_id),
        type=str(raw["type"]),
        pattern_source=source,
        pattern_flags=flags,
        label=raw.get("label"),
        confidence=float(raw.get("confidence", 1.0)),
        alternative=raw.get("alternative"),
        content_case=raw.get("content_case"),
        content_in=raw.get("content_in"),
        min_words=raw.get("min_words"),
        max_words=raw.get("max_words"),
        glued=raw.get("glued"),
        before=raw.get("before"),
        before_in=raw.get("before_in"),
        after=raw.get("after"),
        after_in=raw.get("after_in"),
        line_start=raw.get("line_start"),
        test=raw.get("test"),
        opaque=bool(raw.get("opaque", False)),
        description=str(raw.get("description", "")),
    )
