"""One shape for every renderer: ``render(result, options) -> str``.

Each output with several formats keeps its renderers in a registry beside its result type,
``FORMATS: Formats[ResultType, OptionsType]``: ``--format`` name -> renderer.  A renderer
takes the result the library returned and a :class:`RenderOptions` (or that output's own
options, with ``color`` and what else it needs: words of context, a palette, ...), and
returns the whole text to print.  ``options`` has a default, so library use is
``FORMATS["json"](result)``.  The ``--format`` choices of a command are the keys of its
registry, and the command only picks the renderer and writes what it returns::

    from provenance.check import FORMATS, run_check
    from provenance.rendering import RenderOptions

    result = run_check("records")
    print(FORMATS["text"](result, RenderOptions(color=True)), end="")

Registries: ``check.FORMATS``, ``citation.FORMATS`` and ``BIBLIOGRAPHY_FORMATS``,
``rights.render.FORMATS``, ``interventions.render.FORMATS`` and ``COMPARISON_FORMATS``,
``diff.render.FORMATS``, ``diff.metadata.FORMATS``, ``collate.render.FORMATS``,
``review.FORMATS``, ``report.FORMATS``, ``blame.FORMATS``, ``status.FORMATS``,
``fsck.FORMATS``, ``align.render.FORMATS``, ``exchange.export.FORMATS``,
``metaedit.FORMATS``, ``importer.batch.BATCH_FORMATS`` and ``PLAN_FORMATS``,
``history.LOG_FORMATS`` and ``LIST_FORMATS``
(``tests/test_rendering.py`` holds every one of them to this shape).

Options are named tuples, not dataclasses: defining a frozen dataclass costs a command's
start-up about ten times what a named tuple costs.  :class:`Renderer` and
:data:`Formats` exist for the type checker only (import them under ``TYPE_CHECKING``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

__all__ = ["PLAIN", "RenderOptions", "dumps_json"]


class RenderOptions(NamedTuple):
    """What every renderer may be told.  ``color``: ANSI colours (formats for a terminal;
    the others ignore it).  An output needing more has its own named tuple with ``color``
    among its fields (``provenance.diff.render.RenderOptions``: ``context``, ``stat``, ...)."""

    color: bool = False


#: The default options: no colour.
PLAIN = RenderOptions()

if TYPE_CHECKING:
    from typing import Protocol, TypeVar

    class Options(Protocol):
        """What a renderer's options have in common."""

        @property
        def color(self) -> bool: ...

    R = TypeVar("R", contravariant=True)
    O = TypeVar("O", bound=Options, contravariant=True)  # noqa: E741

    class Renderer(Protocol[R, O]):
        """``render(result, options=...) -> str``: the whole output, ending with a newline."""

        def __call__(self, result: R, options: O = ..., /) -> str: ...

    #: ``--format`` name -> renderer: the registry every output with several formats keeps.
    Formats = dict[str, Renderer[R, O]]


def dumps_json(data: Any) -> str:
    """Machine-readable output: UTF-8 kept readable, keys in the order built (``format_version``
    first), two-space indents, a final newline."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
