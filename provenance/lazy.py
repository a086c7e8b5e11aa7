"""A package's names imported from its submodules on first use (PEP 562), so that importing
the package costs only what a command uses.

    __getattr__, __dir__ = lazy_names(globals(), {"cite": "single", ...})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    namespace: dict[str, Any], where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of the package whose globals are
    ``namespace``: a name in ``where`` is imported from the submodule it maps to when first
    asked for, then kept in the package's globals."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return __getattr__, __dir__
