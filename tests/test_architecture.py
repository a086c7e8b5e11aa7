"""The shape of the package: no import cycles between its modules, typer only in the command
line, the library never importing the command line."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "provenance"


def _modules() -> dict[str, tuple[Path, list[str]]]:
    """Module name -> (file, the package its relative imports start from)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
            package = parts
        else:
            package = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


def _imports() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, anywhere in it (in functions too), not
    counting a package's own ``__init__`` seen from inside it."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = [target, *(f"{target}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            graph[name] |= {
                m for m in found if m in modules and m != name and not name.startswith(m + ".")
            }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_imports()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_typer_is_only_in_the_command_line_and_the_library_never_imports_it() -> None:
    graph = _imports()
    for name, (path, _) in _modules().items():
        if name in ("provenance.cli", "provenance.__main__") or name.startswith("provenance.cli."):
            continue
        source = path.read_text(encoding="utf-8")
        assert "import typer" not in source and "from typer" not in source, name
        assert not {m for m in graph[name] if m.startswith("provenance.cli")}, name


# -- no ``Any`` standing in for a type that exists -----------------------------------------

#: Modules where a bare ``Any`` is the honest type, and why.
ANY_MODULES = {
    # values of parsed YAML or JSON: any of str, int, float, bool, None, list, dict
    "provenance.fastschema": "JSON values checked against a schema",
    "provenance.yamlio": "parsed YAML values",
    "provenance.yamldoc": "parsed YAML values",
    "provenance.schema": "records (parsed YAML) validated against a schema",
    "provenance.metaedit": "field values of records (parsed YAML)",
    "provenance.diff.metadata": "field values of two records compared",
    "provenance.check.cache": "cache entries (JSON)",
    # libraries that ship no type information
    "provenance.tei": "lxml elements (lxml ships no types)",
    "provenance.collate.tei": "lxml elements (lxml ships no types)",
    "provenance.exchange.provgraph": "prov's graph objects (prov ships no types)",
    "provenance.rights.spdx": "license_expression's objects (it ships no types)",
}

#: Single places where a bare ``Any`` is the honest type, and why.
ANY_PLACES = {
    # one value of parsed YAML or JSON
    "provenance.check.config.validate_section(data)": "a settings section as parsed",
    "provenance.check.context.MetaContext.data": "a metadata file as parsed",
    "provenance.check.rules_files.get": "a value looked up in a record",
    "provenance.check.rules_files.get.value": "a value looked up in a record",
    "provenance.check.rules_files.blank(value)": "a value of a record",
    "provenance.check.runner._strings(value)": "a value of a record",
    "provenance.citation.missing._get": "a value looked up in a record",
    "provenance.citation.missing._get.value": "a value looked up in a record",
    "provenance.cli.set_.set_command.new": "a field's new value",
    "provenance.cli.common.dumps_json(data)": "any JSON document",
    "provenance.rendering.dumps_json(data)": "any JSON document",
    "provenance.history._e(value)": "a value of a record",
    "provenance.interventions.profile._from_data(data)": "a profile as parsed",
    "provenance.interventions.render._cell": "a JSON value as a CSV cell",
    "provenance.interventions.render._cell(value)": "a JSON value as a CSV cell",
    "provenance.report.html._value(value)": "a value of a record",
    "provenance.rights.record._text(value)": "a value of a record",
    "provenance.rights.render.jsonld.licence": "a JSON-LD node or string",
    "provenance.diff.diff_metadata(old)": "a record as parsed",
    "provenance.diff.diff_metadata(new)": "a record as parsed",
    # keyword arguments passed on unchanged, or a frozen object refusing any attribute
    "provenance.diff.diff_metadata(kwargs)": "passed on to diff.metadata.diff_metadata",
    "provenance.diff.result.build(fields)": "passed on to DiffResult",
    "provenance.diff.result.DiffResult.replace(changes)": "passed on to DiffResult",
    "provenance.diff.result.DiffResult.__setattr__(value)": "refuses every value",
    "provenance.diff.options.DiffOptions.__setattr__(value)": "refuses every value",
    "provenance.cli.app.LazyGroup.__init__(kwargs)": "passed on to click",
    # a module's __getattr__ answers for any name
    "provenance.lazy.lazy_names.__getattr__": "a package's names, loaded on first use",
}


def _is_any(node: ast.expr | None) -> bool:
    """A bare ``Any`` (also as ``Any | None`` or in quotes)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        node = ast.parse(node.value, mode="eval").body
    if isinstance(node, ast.Name):
        return node.id == "Any"
    if isinstance(node, ast.BinOp):
        return _is_any(node.left) or _is_any(node.right)
    return False


def _bare_any(module: str, tree: ast.AST) -> list[str]:
    found: list[str] = []

    def walk(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                walk(child, f"{where}.{child.name}")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{where}.{child.name}"
                a = child.args
                extra = [x for x in (a.vararg, a.kwarg) if x is not None]
                for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, *extra]:
                    if _is_any(arg.annotation):
                        found.append(f"{name}({arg.arg})")
                if _is_any(child.returns):
                    found.append(name)
                walk(child, name)
            elif isinstance(child, ast.AnnAssign):
                if _is_any(child.annotation):
                    found.append(f"{where}.{ast.unparse(child.target)}")
            else:
                walk(child, where)

    walk(tree, module)
    return found


def test_no_any_stands_for_a_type_that_exists() -> None:
    """``Any`` only for values that are any JSON or YAML, objects of untyped libraries, and
    arguments passed on: a type the package has is imported under ``TYPE_CHECKING`` (which
    costs nothing at start-up) instead of hidden behind ``Any``."""
    found = []
    for name, (path, _) in _modules().items():
        if any(name == m or name.startswith(m + ".") for m in ANY_MODULES):
            continue
        found += _bare_any(name, ast.parse(path.read_text(encoding="utf-8")))
    assert sorted(set(found) - set(ANY_PLACES)) == []
    assert sorted(set(ANY_PLACES) - set(found)) == [], "allowed places that no longer exist"


def test_the_any_finder_finds_parameters_returns_and_attributes() -> None:
    tree = ast.parse(
        "class C:\n    x: Any\n    def f(self, a: Any, b: 'Any | None', c: dict[str, Any]) -> Any:"
        "\n        ...\n"
    )
    assert _bare_any("m", tree) == ["m.C.x", "m.C.f(a)", "m.C.f(b)", "m.C.f"]
