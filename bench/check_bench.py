"""Benchmark of ``provenance check`` against check-jsonschema on generated stores.

    python3 -m venv bench/work/cj && bench/work/cj/bin/pip install check-jsonschema  # optional
    python bench/check_bench.py --sizes 1000 10000 \
        --check-jsonschema bench/work/cj/bin/check-jsonschema

For each size it generates a store of realistic documents (metadata shaped like ``records/``:
a translation with one to three versions, half of the documents with a Chinese transcription
too, texts of a few KB with editorial brackets) under ``bench/work/check/`` (not committed),
then times, in one run:

* ``check-jsonschema`` validating the same metadata files against our schemas (bundled into
  one file each, since it fetches ``$ref`` URLs over the network), one call per schema (more
  when the file list would overflow the command line);
* ``provenance check`` cold (an empty cache; this run fills it);
* ``provenance check`` warm (the same store again, unchanged);
* ``provenance check --jobs 1`` cold, to show what the process pool brings.

Every command runs as a user would run it (a fresh process, start-up included).  The figures
are printed as a Markdown table, and written to ``bench/out/check.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from provenance import yamlio  # noqa: E402
from provenance.schema import load_schema  # noqa: E402

WORK = HERE / "work" / "check"
OUT = HERE / "out"
GNU_TIME = "/usr/bin/time"
SEED = next((ROOT / "records").glob("*/en/v1.txt"))
KINDS = {
    "document": "document.schema.json",
    "stream": "stream.schema.json",
    "version": "version.schema.json",
    "store": "store.schema.json",
}

TYPES = ["cable", "memorandum", "letter", "minutes", "report", "telegram", "note"]
ARCHIVES = ["PRC FMA", "AVPRF", "GARF", "RGANI", "SAPMO-BArch", "AMAE", "NARA RG 59"]
PEOPLE = [
    "Shen Zhihua",
    "Jeffrey Wang",
    "Charles Kraus",
    "Sergey Radchenko",
    "Gary Goldberg",
    "Kathryn Weathersby",
    "Christian Ostermann",
    "Zhang Wei",
    "Kim Min-ji",
    "Li Xiaobing",
]
FUNDERS = [
    "MacArthur Foundation",
    "Leon Levy Foundation",
    "Henry Luce Foundation",
    "Korea Foundation",
    "Carnegie Corporation of New York",
]
RIGHTS = [
    "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    "http://rightsstatements.org/vocab/NoC-US/1.0/",
    "https://creativecommons.org/licenses/by-nc/4.0/",
    None,
]
HANZI = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


BRACKETS = [
    "[North] Korea",
    "[Deng] Xiaoping",
    "Andong [Dandong]",
    "[sic]",
    "[…]",
    "[illegible]",
    "[the Chinese side]",
    "F[oreign] M[inistry]",
    "9 May [1961]",
    "[text not declassified]",
    "[translator's note: the original reads 'frontier']",
    "[Page 152]",
]


def _text(rng: random.Random, words: list[str], size: int) -> str:
    """Paragraphs of the seed's words, with a few well-formed editorial brackets."""
    out, n = [], 0
    while n < size:
        para = [rng.choice(words) for _ in range(rng.randint(30, 90))]
        for _ in range(rng.randint(0, 3)):
            para.insert(rng.randint(1, len(para)), rng.choice(BRACKETS))
        text = " ".join(para)
        out.append(text[:1].upper() + text[1:] + ".")
        n += len(text) + 3
    return "\n\n".join(out) + "\n"


def _version(
    number: int, data: bytes, agents: list[dict[str, str]], activity: str, message: str, date: str
) -> bytes:
    meta = {
        "schema": "provenance/version/1",
        "number": number,
        "parent": number - 1 if number > 1 else None,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "date": date,
        "recorded": f"{date}T12:00:00Z" if date else "2026-11-28T12:00:00Z",
        "agents": agents,
        "activity": activity,
        "message": message,
    }
    return yamlio.dumps(meta).encode()


def generate(folder: Path, count: int, seed: int = 1961) -> None:
    """A store of ``count`` documents (replacing any older one)."""
    if folder.exists():
        shutil.rmtree(folder)
    rng = random.Random(seed)
    words = [w for w in SEED.read_text(encoding="utf-8").split() if not set(w) & set("[]")]
    _write(
        folder / "provenance.yaml",
        yamlio.dumps(
            {
                "schema": "provenance/store/1",
                "name": "Benchmark store",
                "publisher": "History and Public Policy Program Digital Archive",
            }
        ).encode(),
    )
    for i in range(count):
        year, month, day = rng.randint(1945, 1991), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        kind = rng.choice(TYPES)
        doc_id = f"{date}-{kind}-{i:05d}"
        title = (f"{kind.capitalize()}, " + " ".join(rng.choice(words) for _ in range(8))).strip(
            ",."
        )
        translators = rng.sample(PEOPLE, rng.randint(1, 2))
        funders = rng.sample(FUNDERS, rng.randint(1, 3))
        doc: dict[str, Any] = {
            "schema": "provenance/document/1",
            "id": doc_id,
            "title": title,
            "date": date,
            "type": kind,
            "summary": " ".join(rng.choice(words) for _ in range(40)),
            "languages": ["zh"] if rng.random() < 0.5 else ["ru"],
            "source": {
                "archive": "Archive",
                "reference": f"{rng.choice(ARCHIVES)} {rng.randint(100, 999)}-"
                f"{rng.randint(10000, 99999)}-0{rng.randint(1, 9)}",
                "pages": f"{rng.randint(1, 80)}-{rng.randint(81, 160)}",
            },
            "acquisition": {"obtained_by": [rng.choice(PEOPLE)]},
            "publisher": "History and Public Policy Program Digital Archive",
            "funders": funders,
            "funder_line": "This document was made possible with support from " + funders[0],
            "rights": {
                "text": "The History and Public Policy Program welcomes reuse of Digital "
                "Archive materials for research and educational purposes."
            },
            "url": f"https://digitalarchive.example.org/document/{100000 + i}",
            "record_id": str(100000 + i),
            "uploaded": f"{rng.randint(2010, 2024)}-01-01",
            "subjects": rng.sample(
                ["Korean War", "Sino-Soviet split", "Border", "Refugees", "Diplomacy", "Economy"], 2
            ),
        }
        statement = rng.choice(RIGHTS)
        if statement:
            doc["rights"]["statement"] = statement
        base = folder / doc_id
        _write(base / "document.yaml", yamlio.dumps(doc).encode())
        has_zh = rng.random() < 0.5
        if has_zh:
            _write(
                base / "zh" / "stream.yaml",
                yamlio.dumps(
                    {
                        "schema": "provenance/stream/1",
                        "id": "zh",
                        "kind": "transcription",
                        "language": "zh",
                        "translates": None,
                    }
                ).encode(),
            )
            zh = "".join(rng.choice(HANZI) for _ in range(rng.randint(800, 1500))).encode()
            _write(base / "zh" / "v1.txt", zh)
            _write(
                base / "zh" / "v1.yaml",
                _version(
                    1,
                    zh,
                    [{"name": rng.choice(PEOPLE), "role": "transcriber"}],
                    "transcribed",
                    "Transcribed from the archive copy",
                    date,
                ),
            )
        _write(
            base / "en" / "stream.yaml",
            yamlio.dumps(
                {
                    "schema": "provenance/stream/1",
                    "id": "en",
                    "kind": "translation",
                    "language": "en",
                    "translates": "zh" if has_zh else None,
                }
            ).encode(),
        )
        text = _text(rng, words, rng.randint(2000, 6000))
        agents = [{"name": n, "role": "translator"} for n in translators]
        for n in range(1, rng.choice([1, 1, 2, 3]) + 1):
            if n > 1:
                text = text.replace(rng.choice(words), rng.choice(words), 1) + "\n"
                agents = [{"name": rng.choice(PEOPLE), "role": "editor"}]
            data = text.encode()
            _write(base / "en" / f"v{n}.txt", data)
            _write(
                base / "en" / f"v{n}.yaml",
                _version(
                    n,
                    data,
                    agents,
                    "translated" if n == 1 else "revised",
                    "Translation" if n == 1 else "Corrected a name",
                    date,
                ),
            )


def bundle(name: str) -> dict[str, Any]:
    """A schema with every ``$ref`` replaced by what it points to (no network needed)."""

    def resolve(ref: str, current: str) -> Any:
        file, _, pointer = ref.partition("#")
        target = file or current
        node: Any = load_schema(target)
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            node = node[part]
        return inline(node, target)

    def inline(node: Any, current: str) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                merged = dict(resolve(node["$ref"], current))
                merged.update({k: inline(v, current) for k, v in node.items() if k != "$ref"})
                return merged
            return {k: inline(v, current) for k, v in node.items() if k not in ("$id", "$defs")}
        if isinstance(node, list):
            return [inline(v, current) for v in node]
        return node

    out: dict[str, Any] = inline(load_schema(name), name)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def metadata_files(store: Path) -> dict[str, list[str]]:
    files: dict[str, list[str]] = {k: [] for k in KINDS}
    files["store"].append("provenance.yaml")
    for doc in sorted(p for p in store.iterdir() if p.is_dir()):
        files["document"].append(f"{doc.name}/document.yaml")
        for stream in sorted(p for p in doc.iterdir() if p.is_dir()):
            files["stream"].append(f"{doc.name}/{stream.name}/stream.yaml")
            files["version"] += [
                f"{doc.name}/{stream.name}/{p.name}" for p in sorted(stream.glob("v*.yaml"))
            ]
    return files


def timed(cmd: list[str], cwd: Path, env: dict[str, str], expect: tuple[int, ...]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in expect:
        raise SystemExit(
            f"{' '.join(cmd[:4])}... exited {done.returncode}:\n"
            f"{done.stdout.decode()[-2000:]}{done.stderr.decode()[-2000:]}"
        )
    return seconds


#: check-jsonschema's command (``--check-jsonschema``); else looked for beside this Python
#: and on PATH.
CHECK_JSONSCHEMA: str | None = None


def run_check_jsonschema(
    store: Path, schemas: Path, env: dict[str, str]
) -> tuple[float | None, int]:
    exe = (
        CHECK_JSONSCHEMA
        or shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        or shutil.which("check-jsonschema")
    )
    if exe is None:
        print("note: check-jsonschema is not installed; skipped", file=sys.stderr)
        return None, 0
    total, calls = 0.0, 0
    for kind, files in metadata_files(store).items():
        for start in range(0, len(files), 12000):
            chunk = files[start : start + 12000]
            total += timed(
                [exe, "--schemafile", str(schemas / KINDS[kind]), *chunk], store, env, (0,)
            )
            calls += 1
    return total, calls


def peak_mb(cmd: list[str], cwd: Path, env: dict[str, str]) -> float | None:
    """Peak resident memory of a command's process (GNU time), in MB."""
    if not Path(GNU_TIME).exists():
        return None
    done = subprocess.run(
        [GNU_TIME, "-f", "%M", *cmd], cwd=cwd, env=env, capture_output=True, check=False
    )
    return round(int(done.stderr.decode().strip().splitlines()[-1]) / 1024, 1)


def bench(size: int, env: dict[str, str], schemas: Path) -> dict[str, Any]:
    store = WORK / f"store-{size}"
    if not (store / "provenance.yaml").exists() or sum(1 for _ in store.iterdir()) != size + 1:
        print(f"generating {size} documents ...", file=sys.stderr)
        generate(store, size)
    files = metadata_files(store)
    n_meta = sum(len(v) for v in files.values())
    n_texts = sum(1 for _ in store.glob("*/*/v*.txt"))
    cache = WORK / "cache"
    check = [str(Path(sys.executable).parent / "provenance"), "--records", str(store), "check"]
    run_env = dict(env, PROVENANCE_CACHE_DIR=str(cache))

    cj, calls = run_check_jsonschema(store, schemas, env)
    script = timed(
        [sys.executable, str(HERE / "check_script.py"), str(store), str(schemas)],
        ROOT,
        env,
        (0, 1),
    )
    shutil.rmtree(cache, ignore_errors=True)
    cold = timed(check, ROOT, run_env, (0, 1))
    warm = timed(check, ROOT, run_env, (0, 1))
    single = timed([*check, "--no-cache", "--jobs", "1"], ROOT, run_env, (0, 1))
    pooled = timed([*check, "--no-cache", "--jobs", "2"], ROOT, run_env, (0, 1))
    shutil.rmtree(cache, ignore_errors=True)
    cold_mb = peak_mb(check, ROOT, run_env)
    warm_mb = peak_mb(check, ROOT, run_env)
    row = {
        "documents": size,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "metadata_files": n_meta,
        "texts": n_texts,
        "check_jsonschema_s": round(cj, 2) if cj is not None else None,
        "check_jsonschema_calls": calls,
        "script_s": round(script, 2),
        "cold_s": round(cold, 2),
        "warm_s": round(warm, 2),
        "cold_one_process_s": round(single, 2),
        "cold_two_processes_s": round(pooled, 2),
        "cold_peak_mb": cold_mb,
        "warm_peak_mb": warm_mb,
        "cold_vs_script": round(cold / script, 3),
        "cold_vs_check_jsonschema": round(cold / cj, 3) if cj else None,
        "warm_vs_cold": round(warm / cold, 3),
        "cold_ms_per_document": round(1000 * cold / size, 3),
        "warm_ms_per_document": round(1000 * warm / size, 3),
    }
    print(json.dumps(row), file=sys.stderr)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--check-jsonschema",
        metavar="PATH",
        help="check-jsonschema's command, e.g. from a virtualenv made for the benchmark only",
    )
    args = parser.parse_args()
    global CHECK_JSONSCHEMA
    CHECK_JSONSCHEMA = args.check_jsonschema
    env = {k: v for k, v in os.environ.items() if k not in ("CI",)}
    schemas = WORK / "schemas"
    schemas.mkdir(parents=True, exist_ok=True)
    for kind, name in KINDS.items():
        (schemas / name).write_text(json.dumps(bundle(name), indent=1), encoding="utf-8")
        del kind
    rows = [bench(size, env, schemas) for size in args.sizes]
    OUT.mkdir(exist_ok=True)
    (OUT / "check.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(
        "| documents | files (meta + text) | script (PyYAML C + jsonschema) | check-jsonschema "
        "| cold | warm | cold, 1 process | cold, 2 processes | peak memory cold, warm "
        "| cold / script | cold / check-jsonschema | cold per doc | warm per doc |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def secs(x: float | None) -> str:
        return "—" if x is None else f"{x:.2f} s"

    for r in rows:
        print(
            f"| {r['documents']:,} | {r['metadata_files']:,} + {r['texts']:,} "
            f"| {secs(r['script_s'])} | {secs(r['check_jsonschema_s'])} "
            f"| {secs(r['cold_s'])} | {secs(r['warm_s'])} | {secs(r['cold_one_process_s'])} "
            f"| {secs(r['cold_two_processes_s'])} | {r['cold_peak_mb']} MB, {r['warm_peak_mb']} MB "
            f"| {r['cold_vs_script']:.3f} | {r['cold_vs_check_jsonschema'] or '—'} "
            f"| {r['cold_ms_per_document']:.2f} ms | {r['warm_ms_per_document']:.2f} ms |"
        )
    if len(rows) > 1:
        import math

        first, last = rows[0], rows[-1]
        for key in ("cold_s", "warm_s", "script_s", "check_jsonschema_s"):
            if not first[key] or not last[key]:
                continue
            slope = math.log(last[key] / first[key]) / math.log(
                last["documents"] / first["documents"]
            )
            print(
                f"Scaling exponent of {key[:-2]} from {first['documents']:,} to "
                f"{last['documents']:,} documents: {slope:.2f}"
            )


if __name__ == "__main__":
    main()
