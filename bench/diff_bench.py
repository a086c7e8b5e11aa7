"""Benchmark of ``provenance diff`` against ``git diff --no-index --word-diff=porcelain``, GNU
``wdiff`` and Python's difflib, in one run, each tool as a whole process (start-up included).

Inputs: the real revision pairs in ../shared/corpus (FRUS 1870 and 1861 volumes, the Office
of the Historian monograph, the 13 milestone corrections) and generated pairs of 10 KB to
5 MB at 1% and 10% word edit rates, plus a Chinese pair.  Reports, per pair and tool, the
best wall-clock time of a few runs, the ratio to git, the peak memory (maximum resident set
of the tool's process) and how many edit runs it printed; then the scaling exponent of
``provenance diff`` (log-log least-squares fit of time against size, at each edit rate, over
sizes from 100 KB, both whole-process and for the engine alone) and start-up times.

    /work/venv/bin/python bench/diff_bench.py            # about 3 minutes
    /work/venv/bin/python bench/diff_bench.py --smoke    # seconds: 10 KB only

Results go to stdout (Markdown) and bench/out/diff.json; inputs are generated under
bench/work/diff/ (not committed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "diff"
OUT = HERE / "out"
SHARED = Path(os.environ.get("PROVENANCE_SHARED", ROOT.parent / "shared"))
GNU_TIME = "/usr/bin/time"

# Word tokens for difflib, as an editor would split them (words, spaces, other characters).
DIFFLIB = r"""
import difflib, re, sys
tok = re.compile(r"\w+|\s+|.", re.S)
a = tok.findall(open(sys.argv[1], encoding="utf-8").read())
b = tok.findall(open(sys.argv[2], encoding="utf-8").read())
ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
for tag, i1, i2, j1, j2 in ops:
    if tag != "equal":
        print(tag, repr("".join(a[i1:i2])), repr("".join(b[j1:j2])))
"""

# The diff without the command line around it: what a start-up path that skips the CLI
# framework would cost, whole process (see "Where the time goes" in bench/README.md).
LIBRARY = r"""
import sys
from provenance.textio import read_text
from provenance.diff import diff_texts
from provenance.diff.render import RENDERERS, RenderOptions
a, b = sys.argv[1], sys.argv[2]
result = diff_texts(read_text(a), read_text(b), old_label=a, new_label=b)
sys.stdout.write(RENDERERS["text"](result, RenderOptions()))
"""

# Runs a command with its output to a file and prints the peak memory of its process.
MAXRSS = r"""
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

WORDS = (  # noqa: SIM905 - a word list reads better as prose
    "the of and to in a that is was he for it with as his on be at by had which this from or "
    "not but are have were they one all their been has an more would there when who will no "
    "if out so said what up its about into than them can only other new some could time these "
    "two may then do first any my now such like our over man me even most made after also did "
    "many before must through back years where much your way well down should because each "
    "just those people how too little state good very make world still own see men work long "
    "get here between both life being under never day same another know while last might us "
    "great old year off come since against go came right used take three minister embassy "
    "government committee comrade foreign ministry cable delegation consulate ambassador "
    "treaty border province soviet chinese korean party central telegram report instructions"
).split()
HANZI = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过"
    "家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本"
    "见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己"
    "话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平"
    "真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报"
    "立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务"
    "制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科"
    "怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运"
)


#: The Python that runs provenance (and the library and difflib series): set by main().
PYTHON = sys.executable


def install(venv: Path) -> Path:
    """A virtualenv under bench/work with this checkout installed as users get it (a wheel,
    not the editable install of a development environment, whose import hook alone costs a
    bare ``python -c pass`` 10-15 ms here); made once, the package re-installed each run."""
    root = Path(__file__).resolve().parent.parent
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(root)], check=True)
    else:
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
                str(root),
            ],
            check=True,
        )
    return python


def provenance_command() -> list[str]:
    exe = Path(PYTHON).with_name("provenance")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("provenance")
    return [found] if found else [PYTHON, "-m", "provenance"]


def tools(wanted: Sequence[str]) -> dict[str, Callable[[str, str], list[str]]]:
    prov = provenance_command()
    available: dict[str, Callable[[str, str], list[str]]] = {
        "provenance": lambda a, b: [*prov, "diff", a, b],
        "library": lambda a, b: [PYTHON, "-c", LIBRARY, a, b],
        "git": lambda a, b: ["git", "diff", "--no-index", "--word-diff=porcelain", a, b],
        "wdiff": lambda a, b: ["wdiff", a, b],
        "difflib": lambda a, b: [PYTHON, "-c", DIFFLIB, a, b],
    }
    out = {}
    for name in wanted:
        if name in ("git", "wdiff") and not shutil.which(name):
            print(f"note: {name} is not installed; skipped", file=sys.stderr)
            continue
        out[name] = available[name]
    return out


# -- inputs -----------------------------------------------------------------------------------


def english(rnd: random.Random, size: int) -> str:
    out: list[str] = []
    n = 0
    line: list[str] = []
    width = 0
    while n < size:
        w = rnd.choice(WORDS)
        if rnd.random() < 0.08:
            w = w.capitalize()
        if rnd.random() < 0.02:
            w = str(rnd.randint(1, 2000))
        if rnd.random() < 0.07:
            w += rnd.choice(",.;:")
        r = rnd.random()  # the editorial layer of a translation: [North] Korea, [sic], [...]
        if r < 0.015:
            w = f"[{w}]"
        elif r < 0.018:
            w += rnd.choice((" [sic]", " [...]", " [illegible]"))
        line.append(w)
        width += len(w) + 1
        if width > 72:
            s = " ".join(line) + "\n"
            out.append(s)
            n += len(s)
            line, width = [], 0
            if rnd.random() < 0.1:
                out.append("\n")
                n += 1
    return "".join(out)


def edit_words(rnd: random.Random, text: str, rate: float) -> str:
    """Replace, delete or insert a word at ``rate`` of the words (a third each)."""
    out = []
    for tok in text.split(" "):
        r = rnd.random()
        if r < rate / 3:
            out.append(rnd.choice(WORDS))
        elif r < 2 * rate / 3:
            continue
        elif r < rate:
            out.extend((tok, rnd.choice(WORDS)))
        else:
            out.append(tok)
    return " ".join(out)


def paragraphs(rnd: random.Random, size: int) -> list[str]:
    """English paragraphs of 2-8 lines' worth of words, each one line (as translations are
    often kept), about ``size`` characters together."""
    lines = [line for line in english(rnd, size).split("\n") if line]
    out = []
    k = 0
    while k < len(lines):
        n = rnd.randint(2, 8)
        out.append(" ".join(lines[k : k + n]) + "\n")
        k += n
    return out


def moved_paragraphs(rnd: random.Random, size: int, rate: float) -> tuple[str, str]:
    """A text of paragraphs separated by blank lines and a revision of it: ``rate`` of the
    words replaced, deleted or inserted, then one paragraph in twenty moved elsewhere and
    one in twenty new ones put in (a heavy revision, or a second translation's order)."""
    old, new, _ = moved_paragraphs_and_moves(rnd, size, rate)
    return old, new


def moved_paragraphs_and_moves(
    rnd: random.Random, size: int, rate: float
) -> tuple[str, str, list[tuple[str, str]]]:
    """:func:`moved_paragraphs`, with each moved paragraph as it was and as it is."""
    old = paragraphs(rnd, size)
    new = [edit_words(rnd, p, rate) for p in old]
    origin = list(range(len(new)))
    moves = []
    for _ in range(max(1, len(new) // 20)):
        k = rnd.randrange(len(new))
        moved, came_from = new.pop(k), origin.pop(k)
        at = rnd.randrange(len(new) + 1)
        new.insert(at, moved)
        origin.insert(at, came_from)
        moves.append((old[came_from], moved))
    for _ in range(max(1, len(new) // 20)):
        new.insert(rnd.randrange(len(new) + 1), paragraphs(rnd, 400)[0])
        origin.insert(0, -1)  # (only the moved ones are looked up)
    return "\n".join(old), "\n".join(new), moves


def moves_found(old: str, new: str, moves: list[tuple[str, str]], data: dict[str, Any]) -> int:
    """How many of the moved paragraphs ``provenance diff --format json`` reports as moves:
    a move whose deleted passage holds the start of the paragraph as it was and whose
    inserted passage holds its start as it is."""
    found = 0
    for was, now in moves:
        o, n = old.find(was), new.find(now)
        if any(
            m["old_start"] <= o + 10 < m["old_end"] and m["new_start"] <= n + 10 < m["new_end"]
            for m in data.get("moves", [])
        ):
            found += 1
    return found


def chinese(rnd: random.Random, size: int) -> str:
    out = []
    n = 0
    while n < size:
        sentence = "".join(rnd.choice(HANZI) for _ in range(rnd.randint(8, 30)))
        sentence += rnd.choice("，。；。")
        if rnd.random() < 0.3:
            sentence += "\n"
        out.append(sentence)
        n += len(sentence.encode("utf-8"))
    return "".join(out)


def edit_chars(rnd: random.Random, text: str, rate: float) -> str:
    chars = list(text)
    for k in range(len(chars)):
        if chars[k] in HANZI and rnd.random() < rate:
            chars[k] = rnd.choice(HANZI)
    return "".join(chars)


def generated(
    sizes: Sequence[int],
    rates: Sequence[float],
    with_chinese: bool,
    moved_sizes: Sequence[int] = (),
) -> list[dict[str, Any]]:
    WORK.mkdir(parents=True, exist_ok=True)
    pairs = []
    for size in sizes:
        for rate in rates:
            rnd = random.Random(size * 1000 + int(rate * 1000))
            name = f"gen-{_size(size)}-{rate:.0%}"
            pairs.append(_write(name, english(rnd, size), None, rate, size, rnd))
    for size in moved_sizes:
        for rate in rates:
            rnd = random.Random(size * 1000 + int(rate * 1000) + 7)
            old, new, moves = moved_paragraphs_and_moves(rnd, size, rate)
            name = f"moved-{_size(size)}-{rate:.0%}"
            pairs.append(_write(name, old, new, rate, size, rnd, kind="moved"))
            pairs[-1]["moves"] = moves
    if with_chinese:
        rnd = random.Random(42)
        old = chinese(rnd, 100_000)
        pairs.append(
            _write(
                "gen-chinese-100KB-1%",
                old,
                edit_chars(rnd, old, 0.01),
                0.01,
                100_000,
                rnd,
                kind="chinese",
            )
        )
    return pairs


def _write(
    name: str,
    old: str,
    new: str | None,
    rate: float,
    size: int,
    rnd: random.Random,
    kind: str = "generated",
) -> dict[str, Any]:
    a, b = WORK / f"{name}.old.txt", WORK / f"{name}.new.txt"
    if new is None:
        new = edit_words(rnd, old, rate)
    a.write_bytes(old.encode("utf-8"))
    b.write_bytes(new.encode("utf-8"))
    return {"name": name, "kind": kind, "size": size, "rate": rate, "files": [(a, b)]}


def _size(n: int) -> str:
    return f"{n // 1_000_000}MB" if n >= 1_000_000 else f"{n // 1000}KB"


def corpus() -> list[dict[str, Any]]:
    out = []
    c = SHARED / "corpus"
    pairs = [
        (
            "frus1870 (revision)",
            c / "frus-volumes" / "frus1870@d8f522a.xml",
            c / "frus-volumes" / "frus1870@ee153f9.xml",
        ),
        (
            "frus1861 (BOM only)",
            c / "frus-volumes" / "frus1861@3fe3075.xml",
            c / "frus-volumes" / "frus1861@463076f.xml",
        ),
        (
            "frus-history (3 words)",
            c / "frus-history" / "frus-history@a59ddc5.xml",
            c / "frus-history" / "frus-history@9e03bbc.xml",
        ),
    ]
    for name, a, b in pairs:
        if a.exists() and b.exists():
            out.append(
                {"name": name, "kind": "corpus", "size": a.stat().st_size, "files": [(a, b)]}
            )
    milestones = sorted(p for p in (c / "hsg-milestones").glob("*") if p.is_dir())
    if milestones:
        out.append(
            {
                "name": f"hsg-milestones ({len(milestones)} pairs, total)",
                "kind": "corpus",
                "size": sum((p / "before.xml").stat().st_size for p in milestones),
                "files": [(p / "before.xml", p / "after.xml") for p in milestones],
            }
        )
    if not out:
        print(f"note: no corpus under {c}; only generated pairs", file=sys.stderr)
    return out


# -- measuring --------------------------------------------------------------------------------

#: The environment of every measured command (see ``bytecode_cache``).
ENV = dict(os.environ)


def bytecode_cache(on: bool) -> None:
    """Let Python keep compiled bytecode (in bench/work/pycache, not beside the sources), as
    an installed package has it: with ``PYTHONDONTWRITEBYTECODE`` set, as in some
    development shells, every run compiles every module it imports from source."""
    ENV.pop("PROVENANCE_RECORDS", None)
    if on:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")


def run_once(cmd: list[str], timeout: float, cwd: str) -> float:
    """Wall-clock seconds of one run (see :func:`run_timed`)."""
    return run_timed(cmd, timeout, cwd)[0]


def run_timed(cmd: list[str], timeout: float, cwd: str) -> tuple[float, float]:
    """Wall-clock seconds of one run, and the CPU seconds (user and system) its process
    took: on a machine shared with other work the wall time includes the waits for a core,
    the CPU time does not.  The wait blocks (``subprocess.run(timeout=...)`` polls with
    sleeps of up to 50 ms, which would round every time up); a timer kills a run that goes
    over ``timeout``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=ENV
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - t0
    if elapsed >= timeout:
        raise subprocess.TimeoutExpired(cmd, timeout)
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_and_output(cmd: list[str], timeout: float, cwd: str) -> tuple[int, bytes]:
    """Peak resident memory (KB) of the command's process, and its output.  GNU time
    measures it from a small process of its own; without it, a Python parent is used, whose
    own pages a forked child counts until it execs (about 10 MB too much for small runs)."""
    with tempfile.NamedTemporaryFile(delete=False) as fh:
        path = fh.name
    try:
        if Path(GNU_TIME).exists():
            with open(path, "wb") as out:
                done = subprocess.run(
                    [GNU_TIME, "-f", "%M", *cmd],
                    stdout=out,
                    stderr=subprocess.PIPE,
                    timeout=timeout,
                    check=False,
                    cwd=cwd,
                    env=ENV,
                )
            kb = int(done.stderr.decode().strip().splitlines()[-1])
        else:
            done = subprocess.run(
                [sys.executable, "-c", MAXRSS, path, *cmd],
                capture_output=True,
                timeout=timeout,
                check=False,
                cwd=cwd,
                env=ENV,
            )
            kb = int(done.stdout.strip() or 0)
        return kb, Path(path).read_bytes()
    finally:
        os.unlink(path)


def edit_runs(tool: str, output: bytes) -> int:
    """How many deleted or inserted runs a tool printed."""
    text = output.decode("utf-8", "replace")
    if tool in ("provenance", "library", "wdiff"):
        return text.count("[-") + text.count("{+")
    if tool == "git":
        return sum(
            1
            for line in text.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        )
    return sum(2 if line.startswith("replace") else 1 for line in text.splitlines())


def _count(text: str) -> int:
    from provenance.diff.tokenize import count_words

    return count_words(text)


def changed_words(tool: str, output: bytes) -> int | None:
    """Words in the deleted and inserted runs a tool printed (old side plus new side)."""
    import re

    text = output.decode("utf-8", "replace")
    if tool == "wdiff":
        runs = re.findall(r"\[-(.*?)-\]|\{\+(.*?)\+\}", text, re.DOTALL)
        return sum(_count(a) + _count(b) for a, b in runs)
    if tool == "git":
        body = text.split("\n@@", 1)[1] if "\n@@" in text else ""
        return sum(_count(line[1:]) for line in body.splitlines() if line[:1] in "+-")
    return None


def provenance_words(
    make: Callable[[str, str], list[str]],
    a: str,
    b: str,
    cwd: str,
    moves: list[tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Words ``provenance diff --format json`` reports changed: every change's old and new
    side (``all``), and the same with each moved passage counted by the words that changed
    on its way (``moves``)."""
    done = subprocess.run(
        [*make(a, b), "--format", "json"], capture_output=True, check=False, cwd=cwd, env=ENV
    )
    data = json.loads(done.stdout)
    changes = data["changes"]
    total = sum(_count(c["old"]) + _count(c["new"]) for c in changes)
    moved = sum(_count(c["old"]) + _count(c["new"]) for c in changes if c.get("move") is None)
    starts = {m["id"]: (m["old_start"], m["new_start"]) for m in data.get("moves", [])}
    for c in changes:
        if c.get("move") is None:
            continue
        old_start, new_start = starts[c["move"]]
        # the passage's side counts nothing here; the other side of a replacement around
        # it is an edit of its own
        moved += _count(c["new"]) if c["old_start"] == old_start and c["old"] else 0
        moved += _count(c["old"]) if c["new_start"] == new_start and c["new"] else 0
    moved += sum(m["words_changed"] for m in data.get("moves", []))
    out = {"all": total, "moves": moved}
    if moves:
        old_text = Path(a).read_bytes().decode("utf-8")
        new_text = Path(b).read_bytes().decode("utf-8")
        out["found"] = moves_found(old_text, new_text, moves, data)
    return out


def minimal_words(a: Path, b: Path) -> int:
    """Words deleted plus inserted by a shortest word-level edit script: an exact LCS of
    the two texts' words (bit-parallel, on Python integers; about a minute at 5 MB), kept
    in bench/work/diff/minimal.json by the files' hashes."""
    import hashlib

    from provenance.diff.tokenize import is_word, tokenize

    cache_file = WORK / "minimal.json"
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    key = hashlib.sha256(a.read_bytes() + b"\0" + b.read_bytes()).hexdigest()
    if key in cache:
        return int(cache[key])
    wa = [t for t in tokenize(a.read_bytes().decode("utf-8")) if is_word(t)]
    wb = [t for t in tokenize(b.read_bytes().decode("utf-8")) if is_word(t)]
    x, y = (wa, wb) if len(wa) >= len(wb) else (wb, wa)
    masks: dict[str, int] = {}
    bit = 1
    for w in y:
        masks[w] = masks.get(w, 0) | bit
        bit <<= 1
    full = bit - 1
    v = full
    get = masks.get
    for w in x:
        u = v & get(w, 0)
        v = ((v + u) | (v - u)) & full
    lcs = len(y) - v.bit_count()
    result = len(wa) + len(wb) - 2 * lcs
    cache[key] = result
    cache_file.write_text(json.dumps(cache, indent=1) + "\n")
    return result


def measure(
    pair: dict[str, Any],
    tool: str,
    make: Callable[[str, str], list[str]],
    repeats: int,
    timeout: float,
    cwd: str,
    count_words: bool = False,
) -> dict[str, Any]:
    total_best = 0.0
    cpu_best = 0.0
    peak = 0
    runs = 0
    words: dict[str, int] | None = {} if count_words else None
    for a, b in pair["files"]:
        cmd = make(str(a), str(b))
        times = []
        cpus = []
        try:
            for _ in range(repeats):
                wall, cpu = run_timed(cmd, timeout, cwd)
                times.append(wall)
                cpus.append(cpu)
            kb, output = peak_and_output(cmd, timeout, cwd)
        except subprocess.TimeoutExpired:
            return {"time": None, "timeout": timeout}
        total_best += min(times)
        cpu_best += min(cpus)
        peak = max(peak, kb)
        runs += edit_runs(tool, output)
        if words is not None:
            got = changed_words(tool, output)
            if got is None and tool == "provenance":
                counted = provenance_words(make, str(a), str(b), cwd, pair.get("moves"))
                words["all"] = words.get("all", 0) + counted["all"]
                if "found" in counted:
                    words["found"] = counted["found"]
                got = counted["moves"]
            if got is not None:
                words["words"] = words.get("words", 0) + got
    out: dict[str, Any] = {"time": total_best, "cpu": cpu_best, "peak_kb": peak, "edit_runs": runs}
    if words:
        out["changed_words"] = words["words"]
        if "all" in words:
            out["changed_words_all"] = words["all"]
        if "found" in words:
            out["moves_found"] = f"{words['found']} of {len(pair['moves'])}"
    return out


def engine_time(pair: dict[str, Any], repeats: int) -> float:
    """The diff engine alone, in this process (no start-up, no output)."""
    from provenance.diff import diff_texts

    total = 0.0
    for a, b in pair["files"]:
        old = Path(a).read_bytes().decode("utf-8")
        new = Path(b).read_bytes().decode("utf-8")
        best = math.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            diff_texts(old, new)
            best = min(best, time.perf_counter() - t0)
        total += best
    return total


def startup(cwd: str, repeats: int = 10) -> dict[str, float]:
    prov = provenance_command()
    cmds = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "provenance --version": [*prov, "--version"],
        "provenance --help": [*prov, "--help"],
        "provenance diff --help": [*prov, "diff", "--help"],
    }
    if shutil.which("git"):
        cmds["git --version"] = ["git", "--version"]
    return {name: min(run_once(cmd, 30, cwd) for _ in range(repeats)) for name, cmd in cmds.items()}


def exponent(points: list[tuple[int, float | None]]) -> float | None:
    """The slope of log(time) against log(size) by least squares."""
    pts = [(math.log(s), math.log(t)) for s, t in points if t and t > 0]
    if len(pts) < 2:
        return None
    mx = statistics.fmean(x for x, _ in pts)
    my = statistics.fmean(y for _, y in pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


# -- the run ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10_000, 100_000, 300_000, 1_000_000, 3_000_000, 5_000_000],
    )
    parser.add_argument("--rates", type=float, nargs="+", default=[0.01, 0.10])
    parser.add_argument(
        "--tools",
        nargs="+",
        default=["provenance", "library", "git", "wdiff", "difflib"],
        help="library: provenance.diff called from a bare Python process.",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        help="Seconds before a tool's run is given up (difflib goes quadratic).",
    )
    parser.add_argument(
        "--moved-sizes",
        type=int,
        nargs="+",
        default=[100_000, 1_000_000, 5_000_000],
        help="Sizes of the generated texts of one-line paragraphs with paragraphs moved "
        "and inserted (moved-*), at each rate.",
    )
    parser.add_argument(
        "--no-words",
        action="store_true",
        help="Do not count the changed words against the minimal (an exact word LCS).",
    )
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="10 KB only, one run each, no corpus, no JSON file (for tests).",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="Run Python as the environment says (PYTHONDONTWRITEBYTECODE "
        "kept): every run then compiles the modules it imports.",
    )
    parser.add_argument(
        "--python",
        metavar="PYTHON",
        help="The Python whose installed provenance to time (default: a "
        "virtualenv in bench/work/venv with this checkout installed from a "
        "wheel, made on the first run).",
    )
    args = parser.parse_args(argv)
    global PYTHON
    PYTHON = args.python or (sys.executable if args.smoke else str(install(WORK.parent / "venv")))
    bytecode_cache(not args.no_bytecode_cache)
    if args.smoke:
        args.sizes, args.rates, args.no_corpus = [10_000], [0.01], True
        args.moved_sizes, args.no_words = [10_000], True
    repeats_small, repeats_large = (1, 1) if args.smoke else (5, 3)

    chosen = tools(args.tools)
    pairs = ([] if args.no_corpus else corpus()) + generated(
        args.sizes, args.rates, not args.smoke, args.moved_sizes
    )
    results: list[dict[str, Any]] = []
    gave_up: set[tuple[str, str]] = set()  # (tool, series) that timed out at a smaller size
    with tempfile.TemporaryDirectory() as cwd:  # no record store anywhere above
        if pairs:  # warm up the bytecode cache on the smallest pair
            a, b = min(pairs, key=lambda p: p["size"])["files"][0]
            for make in chosen.values():
                with contextlib.suppress(subprocess.TimeoutExpired):
                    run_once(make(str(a), str(b)), args.timeout, cwd)
        for pair in pairs:
            series = f"{pair['kind']}-{pair.get('rate')}"
            row: dict[str, Any] = {
                "pair": pair["name"],
                "kind": pair["kind"],
                "size": pair["size"],
                "rate": pair.get("rate"),
                "tools": {},
            }
            repeats = repeats_small if pair["size"] < 1_000_000 else repeats_large
            for name, make in chosen.items():
                if (name, series) in gave_up and pair["kind"] != "corpus":
                    row["tools"][name] = {"time": None, "skipped": True}
                    continue
                counting = not args.no_words and _counted(pair) and name != "library"
                got = measure(pair, name, make, repeats, args.timeout, cwd, counting)
                if got["time"] is None:
                    gave_up.add((name, series))
                row["tools"][name] = got
            if "provenance" in chosen:
                row["engine"] = engine_time(pair, repeats)
            if not args.no_words and _counted(pair):
                row["minimal_words"] = sum(minimal_words(a, b) for a, b in pair["files"])
            results.append(row)
            print(f"  measured {pair['name']}", file=sys.stderr)
        starts = startup(cwd, 2 if args.smoke else 10)

    report = render(results, starts, args.rates)
    print(report)
    if not args.smoke:
        OUT.mkdir(exist_ok=True)
        (OUT / "diff.json").write_text(
            json.dumps(
                {
                    "results": results,
                    "startup": starts,
                    "python": sys.version.split()[0],
                    "bytecode_cache": not args.no_bytecode_cache,
                },
                indent=2,
                default=str,
            )
            + "\n"
        )
    return 0


def _counted(pair: dict[str, Any]) -> bool:
    """Whether changed words are counted for a pair: the generated English texts and the
    FRUS 1870 revision (Chinese words are characters to us and clauses to git and wdiff)."""
    return pair["kind"] in ("generated", "moved") or pair["name"].startswith("frus1870")


def _fmt_time(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"


def render(results: list[dict[str, Any]], starts: dict[str, float], rates: Sequence[float]) -> str:
    names = [
        n
        for n in ("provenance", "library", "git", "wdiff", "difflib")
        if any(n in r["tools"] for r in results)
    ]
    head = (
        "| pair | size | " + " | ".join(names) + " | provenance / git | library / git "
        "| CPU time, provenance / git "
        "| peak memory (" + ", ".join(names) + ") | edit runs (" + ", ".join(names) + ") |"
    )
    lines = [head, "|" + "---|" * (len(names) + 7)]
    for r in results:
        t = r["tools"]
        cells = []
        for n in names:
            got = t.get(n, {})
            cells.append(
                f"> {got['timeout']:.0f} s" if got.get("timeout") else _fmt_time(got.get("time"))
            )
        ratios = []
        for n in ("provenance", "library"):
            mine, git = t.get(n, {}).get("time"), t.get("git", {}).get("time")
            ratios.append(f"{mine / git:.2f}" if mine and git else "—")
        mine, git = t.get("provenance", {}).get("cpu"), t.get("git", {}).get("cpu")
        ratios.append(
            f"{mine * 1000:.0f} / {git * 1000:.0f} ms = {mine / git:.2f}" if mine and git else "—"
        )
        mem = ", ".join(
            f"{t[n]['peak_kb'] / 1024:.0f} MB" if t.get(n, {}).get("peak_kb") else "—"
            for n in names
        )
        runs = ", ".join(
            str(t[n]["edit_runs"]) if "edit_runs" in t.get(n, {}) else "—" for n in names
        )
        lines.append(
            f"| {r['pair']} | {r['size'] / 1000:,.0f} KB | "
            + " | ".join(cells)
            + f" | {' | '.join(ratios)} | {mem} | {runs} |"
        )
    lines.append("")
    counted = [r for r in results if r.get("minimal_words")]
    if counted:
        lines.append(
            "Changed words (old side plus new side of every change) against the minimal "
            "(an exact LCS of the words); provenance counts a moved passage by the words "
            "that changed on its way (in brackets: counting it as deleted and inserted):"
        )
        lines.append("")
        lines.append(
            "| pair | minimal | provenance | git | wdiff | provenance / minimal "
            "| git / minimal | wdiff / minimal | provenance time / git time "
            "| CPU time, provenance / git | moved paragraphs reported as moves |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in counted:
            t, m = r["tools"], r["minimal_words"]

            def cw(n: str, t: dict[str, Any] = t) -> int | None:
                got = t.get(n, {}).get("changed_words")
                return int(got) if got is not None else None

            def ratio(x: float | None, y: float | None) -> str:
                return f"{x / y:.2f}" if x is not None and y else "—"

            prov_all = t.get("provenance", {}).get("changed_words_all")
            prov = cw("provenance")
            lines.append(
                f"| {r['pair']} | {m:,} | "
                + (f"{prov:,} ({prov_all:,})" if prov is not None else "—")
                + f" | {_opt(cw('git'))} | {_opt(cw('wdiff'))} | {ratio(prov, m)} "
                f"| {ratio(cw('git'), m)} | {ratio(cw('wdiff'), m)} | "
                + ratio(t.get("provenance", {}).get("time"), t.get("git", {}).get("time"))
                + " | "
                + ratio(t.get("provenance", {}).get("cpu"), t.get("git", {}).get("cpu"))
                + f" | {t.get('provenance', {}).get('moves_found', '—')} |"
            )
        lines.append("")
    for rate in rates:
        rows = [r for r in results if r["kind"] == "moved" and r["rate"] == rate]
        if len(rows) > 1:

            def fit_moved(tool: str, rows: list[dict[str, Any]] = rows) -> str:
                return _num(
                    exponent([(r["size"], r["tools"].get(tool, {}).get("time")) for r in rows])
                )

            lines.append(
                f"Scaling exponent, moved paragraphs at {rate:.0%} edits (from "
                f"{_size(rows[0]['size'])}): engine alone "
                f"{_num(exponent([(r['size'], r.get('engine')) for r in rows]))}; whole "
                f"process: provenance {fit_moved('provenance')}, git {fit_moved('git')}, "
                f"wdiff {fit_moved('wdiff')}."
            )
    for rate in rates:
        rows = [r for r in results if r["kind"] == "generated" and r["rate"] == rate]
        big = [r for r in rows if r["size"] >= 1_000_000]  # start-up no longer dominates
        mid = [r for r in rows if r["size"] >= 100_000]

        def fit(rs: list[dict[str, Any]], tool: str) -> str:
            return _num(exponent([(r["size"], r["tools"].get(tool, {}).get("time")) for r in rs]))

        engine = _num(exponent([(r["size"], r.get("engine")) for r in mid]))
        lines.append(
            f"Scaling exponent at {rate:.0%} edits: engine alone (from 100 KB) "
            f"{engine}; whole process (from 1 MB): provenance "
            f"{fit(big, 'provenance')}, library {fit(big, 'library')}, "
            f"git {fit(big, 'git')}, wdiff {fit(big, 'wdiff')}."
        )
    lines.append("")
    lines.append(
        "Start-up (best of several runs): "
        + "; ".join(f"{name} {t * 1000:.0f} ms" for name, t in starts.items())
        + "."
    )
    engine_rows = [f"{r['pair']} {r['engine'] * 1000:.0f} ms" for r in results if "engine" in r]
    lines.append("")
    lines.append(
        "Engine alone (diff_texts in one process, best of runs): " + "; ".join(engine_rows) + "."
    )
    return "\n".join(lines)


def _opt(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


if __name__ == "__main__":
    sys.exit(main())
