"""``provenance check``: every rule on every record, for CI.

Library use::

    from provenance.check import run_check, FORMATS

    result = run_check("records")               # or a Store; paths=[...], since="origin/main"
    for finding in result.findings:             # frozen Finding objects, sorted by file, line
        print(finding.code, finding.severity.value, finding.location(), finding.message)
    print(FORMATS["sarif"](result))             # text, json, github, junit, sarif
    raise SystemExit(result.exit_code)          # 0: no error-level finding, 1: some

* :data:`RULES` is the registry: each :class:`Rule` has a stable ``code``, a default
  ``severity``, a one-line ``description``, the ``scope`` it works in and its function.
* A check *collects*: a malformed file is one finding, and the walk goes on.  It raises a
  :class:`~provenance.errors.ProvenanceError` only when it cannot run at all (no store, a bad
  ``check:`` section, an unknown rule pattern, a bad ``--since`` reference).
* Each file's analysis is cached by the sha256 of its bytes (:mod:`.cache`), so re-checking
  an unchanged store costs little more than reading and hashing it.
* Rule selection and severities: :mod:`.config` (``check:`` in ``provenance.yaml`` or
  ``[tool.provenance.check]`` in ``pyproject.toml``, schema ``check-config.schema.json``).
"""

from __future__ import annotations

import importlib

from .config import CheckConfig, active_rules, load_config
from .findings import CheckResult, Finding, Rule, Severity, Stats
from .registry import RULES, Raw, register, rule

#: The modules that register rules, in the order the rule table lists them.
RULE_MODULES = (
    "rules_files",
    "rules_rights",
    "rules_streams",
    "rules_store",
    "rules_brackets",
    "rules_lineage",
)
_LOADED = False


def load_rules() -> dict[str, Rule]:
    """Register every rule (importing the rule modules once) and return :data:`RULES`."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for name in RULE_MODULES:
            importlib.import_module(f"{__name__}.{name}")
    return RULES


load_rules()

from .render import FORMATS  # noqa: E402
from .runner import run_check  # noqa: E402

__all__ = [
    "FORMATS",
    "RULES",
    "CheckConfig",
    "CheckResult",
    "Finding",
    "Raw",
    "Rule",
    "Severity",
    "Stats",
    "active_rules",
    "load_config",
    "load_rules",
    "register",
    "rule",
    "run_check",
]
