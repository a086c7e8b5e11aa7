"""The intervention ledger rendered: text (with colours on a terminal), JSON and CSV, for one
version (:data:`FORMATS`) and for two compared (:data:`COMPARISON_FORMATS`); and a text with
its interventions coloured by type (``provenance show --highlight``).

Every renderer is ``render(data, options) -> str`` (:mod:`provenance.rendering`): the
ledger's data (:mod:`provenance.interventions.ledger`) and :class:`LedgerOptions`, whether to
colour and the colour of each intervention type, from the profile that typed them
(``LedgerOptions.of(profile, color)``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..rendering import dumps_json

if TYPE_CHECKING:
    from ..rendering import Formats
    from .model import ParseResult
    from .profile import Profile

#: ANSI colours by the names profiles use.
ANSI = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
    "bright_black": "90",
    "bright_red": "91",
    "bright_green": "92",
    "bright_yellow": "93",
    "bright_blue": "94",
    "bright_magenta": "95",
    "bright_cyan": "96",
    "bright_white": "97",
}
STATUS_COLORS = {"kept": "", "added": "32", "removed": "31", "changed": "33", "absorbed": "36"}


def _sgr(code: str, color: bool) -> tuple[str, str]:
    return (f"\x1b[{code}m", "\x1b[0m") if color and code else ("", "")


def _flat(text: str, limit: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _context(item: dict[str, Any], color: bool, code: str) -> str:
    """A few words either side of the bracket, the bracket itself in colour (or bold)."""
    before = " ".join(item["before"].split()[-4:])
    after = " ".join(item["after"].split()[:4])
    on, off = _sgr(code or "1", color)
    gap_before = " " if before and item["before"][-1:].isspace() else ""
    gap_after = " " if after and item["after"][:1].isspace() else ""
    return f"{before}{gap_before}{on}{_flat(item['text'], 40)}{off}{gap_after}{after}"


def _type_cell(item: dict[str, Any]) -> str:
    cell = str(item["type"]) + (f" ({item['label']})" if item.get("label") else "")
    return cell + ("?" if item["uncertain"] else "")


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def _colors(profile: Profile) -> dict[str, str]:
    return {name: ANSI.get(spec.color or "", "") for name, spec in profile.types.items()}


class LedgerOptions(NamedTuple):
    """``color``: ANSI colours (text); ``palette``: the ANSI colour code of each intervention
    type (the profile's ``color:``), used when ``color`` is on."""

    color: bool = False
    palette: Mapping[str, str] = MappingProxyType({})

    @classmethod
    def of(cls, profile: Profile, color: bool = False) -> LedgerOptions:
        return cls(color=color, palette=_colors(profile))


PLAIN = LedgerOptions()


def ledger_text(data: dict[str, Any], options: LedgerOptions = PLAIN) -> str:
    color = options.color
    bold, reset = _sgr("1", color)
    items = data["interventions"]
    lines = [
        f"{bold}{data['version']['ref']}{reset}  profile {data['profile']}  "
        f"{len(items)} interventions: {_counts_line(data['counts'])}"
    ]
    colors = options.palette
    if items:
        lines.append("")
        width = max(len(_type_cell(i)) for i in items)
        for i in items:
            where = f"{i['line']}:{i['column']}"
            on, off = _sgr(colors.get(i["type"], ""), color)
            lines.append(
                f"  {where:>9}  {on}{_type_cell(i):<{width}}{off}  "
                f"{_context(i, color, colors.get(i['type'], ''))}"
            )
        if any(i["uncertain"] for i in items):
            lines.append("")
            lines.append(
                "  ? the type is a guess (low confidence; see --format json for the alternative)"
            )
    if data["ignored"]:
        lines.append("")
        lines.append(f"not editorial (ignored): {', '.join(i['text'] for i in data['ignored'])}")
    if data["findings"]:
        lines.append("")
        lines.append("findings:")
        for f in data["findings"]:
            on, off = _sgr("31" if f["severity"] == "error" else "33", color)
            lines.append(
                f"  {f['line']}:{f['column']}: {on}{f['severity']}{off}: "
                f"{f['message']} [{f['code']}]"
            )
    return "\n".join(lines) + "\n"


def comparison_text(data: dict[str, Any], options: LedgerOptions = PLAIN) -> str:
    color = options.color
    bold, reset = _sgr("1", color)
    old_n, new_n = data["old"]["version"], data["new"]["version"]
    lines = [
        f"{bold}{data['old']['ref']} -> {data['new']['ref']}{reset}  profile {data['profile']}",
        "  " + ", ".join(f"{k} {v}" for k, v in data["counts"].items()),
    ]
    table = []
    for r in data["interventions"]:
        if r["status"] == "kept":
            continue
        old, new = r["old"], r["new"]
        if old is not None and new is not None:
            what = f"{_flat(old['text'], 30)} -> {_flat(new['text'], 30)}"
            where = (
                f"@{old_n} {old['line']}:{old['column']} -> @{new_n} {new['line']}:{new['column']}"
            )
        elif new is not None:
            what, where = _flat(new["text"], 50), f"@{new_n} {new['line']}:{new['column']}"
        else:
            what, where = _flat(old["text"], 50), f"@{old_n} {old['line']}:{old['column']}"
        table.append((r["status"], r["type"], what, where, new or old))
    if table:
        lines.append("")
        widths = [max(len(row[k]) for row in table) for k in range(4)]
        for status, type_, what, where, item in table:
            on, off = _sgr(STATUS_COLORS[status], color)
            lines.append(
                f"  {on}{status:<{widths[0]}}{off}  {type_:<{widths[1]}}  "
                f"{what:<{widths[2]}}  {where:<{widths[3]}}  "
                f"{_context(item, color, STATUS_COLORS[status])}"
            )
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def ledger_csv(data: dict[str, Any], options: LedgerOptions = PLAIN) -> str:
    keys = [
        "line",
        "column",
        "start",
        "end",
        "type",
        "label",
        "confidence",
        "uncertain",
        "depth",
        "text",
        "before",
        "after",
    ]
    return _csv(keys, [[i[k] for k in keys] for i in data["interventions"]])


def comparison_csv(data: dict[str, Any], options: LedgerOptions = PLAIN) -> str:
    side = ["text", "type", "start", "end", "line", "column"]
    header = ["status", "type"] + [f"old_{k}" for k in side] + [f"new_{k}" for k in side]
    rows = []
    for r in data["interventions"]:
        row = [r["status"], r["type"]]
        for which in ("old", "new"):
            item = r[which]
            row += [item[k] for k in side] if item else [""] * len(side)
        rows.append(row)
    return _csv(header, rows)


def format_json(data: dict[str, Any], options: LedgerOptions = PLAIN) -> str:
    return dumps_json(data)


#: ``--format`` value -> renderer(data, options) -> text, for one version ...
FORMATS: Formats[dict[str, Any], LedgerOptions] = {
    "text": ledger_text,
    "json": format_json,
    "csv": ledger_csv,
}
#: ... and for two compared (``--against``).
COMPARISON_FORMATS: Formats[dict[str, Any], LedgerOptions] = {
    "text": comparison_text,
    "json": format_json,
    "csv": comparison_csv,
}


def paint(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, ansi_code)`` span coloured; spans may nest."""
    spans = sorted((s for s in spans if s[2] and s[1] > s[0]), key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0] <= limit:
            end, _ = stack.pop()
            out.append(text[pos:end])
            pos = end
            out.append("\x1b[0m" + (f"\x1b[{stack[-1][1]}m" if stack else ""))

    for start, end, code in spans:
        close_until(start)
        out.append(text[pos:start])
        pos = start
        out.append(f"\x1b[{code}m")
        stack.append((end, code))
    close_until(len(text))
    out.append(text[pos:])
    return "".join(out)


def highlighted(result: ParseResult, profile: Profile, mode: str | None) -> str:
    """A version's text, or its projection, with each intervention in its type's colour."""
    from .project import project

    colors = _colors(profile)
    if mode is None:
        spans = [(i.start, i.end, colors.get(i.type, "")) for i in result.interventions]
        return paint(result.text, spans)
    proj = project(result, mode, profile)
    return paint(
        proj.text, [(p.start, p.end, colors.get(p.intervention.type, "")) for p in proj.placed]
    )
