"""Every format registry has one shape: ``FORMATS[name](result, options=...) -> str``
(:mod:`provenance.rendering`), the options a named tuple with ``color`` (``RenderOptions``
or the output's own, defaulting to no colour); and the command line keeps no renderer of
its own."""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from pathlib import Path

import pytest

from provenance.rendering import RenderOptions

PACKAGE = Path(__file__).resolve().parent.parent / "provenance"

#: Every registry: module -> the names of its registries.
REGISTRIES = {
    "provenance.align.render": ("FORMATS",),
    "provenance.blame": ("FORMATS",),
    "provenance.check.render": ("FORMATS", "RULE_FORMATS"),
    "provenance.citation.bibliography": ("BIBLIOGRAPHY_FORMATS",),
    "provenance.citation.single": ("FORMATS",),
    "provenance.collate.render": ("FORMATS",),
    "provenance.diff.metadata": ("FORMATS",),
    "provenance.diff.render": ("FORMATS", "RENDERERS"),
    "provenance.exchange.export": ("FORMATS",),
    "provenance.fsck": ("FORMATS",),
    "provenance.history": ("LOG_FORMATS", "LIST_FORMATS"),
    "provenance.importer.batch": ("BATCH_FORMATS", "PLAN_FORMATS"),
    "provenance.interventions.render": ("FORMATS", "COMPARISON_FORMATS"),
    "provenance.metaedit": ("FORMATS",),
    "provenance.report.html": ("FORMATS",),
    "provenance.review.render": ("FORMATS",),
    "provenance.rights.render": ("FORMATS",),
    "provenance.status": ("FORMATS",),
}

#: Tables named like registries that are something else: ``citation.manual``'s renderers
#: of one style's fields (an internal table keyed by style and form), the names of the
#: citation formats a style does not apply to, PROV's serialiser names.
NOT_REGISTRIES = {
    ("provenance.citation.manual", "_RENDERERS"),
    ("provenance.citation.single", "DATA_FORMATS"),
    ("provenance.exchange.provgraph", "PROV_FORMATS"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _declared() -> set[tuple[str, str]]:
    """Every module-level name ending in FORMATS or RENDERERS assigned in the package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                [node.target]
                if isinstance(node, ast.AnnAssign)
                else node.targets
                if isinstance(node, ast.Assign)
                else []
            )
            for t in targets:
                if isinstance(t, ast.Name) and t.id.endswith(("FORMATS", "RENDERERS")):
                    found.add((_module_name(path), t.id))
    return found


def test_every_registry_is_listed() -> None:
    listed = {(m, name) for m, names in REGISTRIES.items() for name in names}
    assert _declared() - NOT_REGISTRIES == listed


def _renderers() -> list[tuple[str, str, object]]:
    out = []
    for module, names in REGISTRIES.items():
        mod = importlib.import_module(module)
        for name in names:
            registry = getattr(mod, name)
            assert isinstance(registry, dict) and registry, (module, name)
            for fmt, render in registry.items():
                out.append((f"{module}.{name}[{fmt!r}]", fmt, render))
    return out


@pytest.mark.parametrize(("where", "fmt", "render"), _renderers(), ids=lambda v: str(v))
def test_every_renderer_takes_the_result_and_options(where: str, fmt: str, render: object) -> None:
    assert callable(render), where
    sig = inspect.signature(render)
    params = list(sig.parameters.values())
    assert len(params) == 2, (where, sig)
    result, options = params
    assert result.kind in (result.POSITIONAL_ONLY, result.POSITIONAL_OR_KEYWORD), where
    assert result.default is result.empty, where
    assert options.name == "options", where
    assert options.kind in (options.POSITIONAL_ONLY, options.POSITIONAL_OR_KEYWORD), where
    hints = typing.get_type_hints(render)
    assert hints["return"] is str, where
    kind = hints["options"]
    assert isinstance(kind, type) and issubclass(kind, tuple), where  # a named tuple
    assert "color" in kind._fields, where  # type: ignore[attr-defined]
    assert kind is RenderOptions or kind.__name__.endswith("Options"), where
    assert isinstance(options.default, kind), (where, options.default)


def test_the_command_line_keeps_no_renderer_or_registry() -> None:
    """Renderers live beside their results; a command picks one from a registry."""
    offenders = []
    for path in (PACKAGE / "cli").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("format_"):
                offenders.append(f"{path.name}: def {node.name}")
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                offenders += [
                    f"{path.name}: {t.id}"
                    for t in targets
                    if isinstance(t, ast.Name) and t.id.endswith(("FORMATS", "RENDERERS"))
                ]
    assert not offenders


def test_options_default_to_plain_text_without_colour() -> None:
    for where, _fmt, render in _renderers():
        default = inspect.signature(render).parameters["options"].default  # type: ignore[arg-type]
        assert default.color is False, where


#: Each command with ``--format`` -> the registries its choices come from.
COMMAND_REGISTRIES = {
    "align": [("provenance.align.render", "FORMATS")],
    "blame": [("provenance.blame", "FORMATS")],
    "check": [("provenance.check.render", "FORMATS")],
    "cite": [
        ("provenance.citation.single", "FORMATS"),
        ("provenance.citation.bibliography", "BIBLIOGRAPHY_FORMATS"),
    ],
    "collate": [("provenance.collate.render", "FORMATS")],
    "diff": [("provenance.diff.render", "FORMATS"), ("provenance.diff.metadata", "FORMATS")],
    "export": [("provenance.exchange.export", "FORMATS")],
    "fsck": [("provenance.fsck", "FORMATS")],
    "import": [
        ("provenance.importer.batch", "BATCH_FORMATS"),
        ("provenance.importer.batch", "PLAN_FORMATS"),
    ],
    "interventions": [
        ("provenance.interventions.render", "FORMATS"),
        ("provenance.interventions.render", "COMPARISON_FORMATS"),
    ],
    "list": [("provenance.history", "LIST_FORMATS")],
    "log": [("provenance.history", "LOG_FORMATS")],
    "review": [("provenance.review.render", "FORMATS")],
    "rights": [("provenance.rights.render", "FORMATS")],
    "set": [("provenance.metaedit", "FORMATS")],
    "status": [("provenance.status", "FORMATS")],
    "stream": [("provenance.metaedit", "FORMATS")],
}
#: Commands whose ``--format`` has no registry: ``show`` writes the text's exact bytes or
#: ``history.shown_data``; ``commit`` reports on stderr or prints ``history.committed_data``.
NO_REGISTRY = {"show", "commit"}
#: Choices kept for scripts written before: ``import --format page|api|tei``.
FORMER = {"import": {"page", "api", "tei"}}


def test_every_format_choice_is_a_key_of_the_commands_registries() -> None:
    import typer

    from provenance.cli import COMMANDS
    from provenance.cli.app import app

    root = typer.main.get_command(app)
    with_format = set()
    for name in COMMANDS:
        command = root.get_command(None, name)  # type: ignore[attr-defined]
        param = next((p for p in command.params if "--format" in getattr(p, "opts", [])), None)
        if param is None:
            continue
        with_format.add(name)
        if name in NO_REGISTRY:
            continue
        choices = {str(getattr(c, "value", c)) for c in param.type.choices} - FORMER.get(
            name, set()
        )
        for module, attr in COMMAND_REGISTRIES[name]:
            keys = set(getattr(importlib.import_module(module), attr))
            assert choices == keys, (name, module, attr, choices ^ keys)
    assert with_format == set(COMMAND_REGISTRIES) | NO_REGISTRY
