"""provenance align: segments, anchors, the paragraph and sentence alignment (1-1, 1-2, 2-1,
1-0, 0-1) of an original and its translation, and its three renderings."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.align import align_segments, align_texts, anchors, paragraphs, sentences
from provenance.align.anchors import chinese_number
from provenance.align.render import as_dict
from provenance.store import Store

from .conftest import FIXTURES, SEED_ID

ZH = (FIXTURES / "lineage" / "seed-zh-v1.txt").read_text("utf-8")


def _en(store_root: Path) -> str:
    return (store_root / SEED_ID / "en" / "v1.txt").read_text("utf-8")


def test_paragraphs_keep_offsets_on_messy_text() -> None:
    text = "\ufeffFirst line\r\n\r\n\u00a0\r\nSecond [para]\r\ngoes on\r\n\r\nThird\u00a0end\r\n"
    paras = paragraphs(text)
    assert [p.text for p in paras] == ["First line", "Second [para]\r\ngoes on", "Third\u00a0end"]
    for p in paras:
        assert text[p.start : p.end] == p.text
    assert [p.line for p in paras] == [1, 4, 7]
    # one paragraph a line when no blank line separates them
    assert [p.text for p in paragraphs("甲。\n乙。\n丙。")] == ["甲。", "乙。", "丙。"]


def test_sentences() -> None:
    (p,) = paragraphs("Mr. J. Smith came on 9 May. He left. 1. First item stays whole.")
    assert [s.text for s in sentences(p)] == [
        "Mr. J. Smith came on 9 May.",
        "He left.",
        "1. First item stays whole.",
    ]
    (p,) = paragraphs("我们已经收到。他说：“好！”然后走了？是的")
    assert [s.text for s in sentences(p)] == [
        "我们已经收到。",
        "他说：“好！”",
        "然后走了？",
        "是的",
    ]
    (p,) = paragraphs("10 мая 1961 г. тов. Хрущев сказал. Все согласились.")
    assert [s.text for s in sentences(p)] == [
        "10 мая 1961 г. тов. Хрущев сказал.",
        "Все согласились.",
    ]


def test_anchors_survive_translation() -> None:
    assert chinese_number("一千四百七十一") == 1471
    assert chinese_number("一九六一") == 1961
    assert chinese_number("三万五千") == 35000
    zh = anchors("五月九日夜，共发现二百四十户、1471人，其中715人。一些人统一行动。")
    en = anchors("On the night of 9 May, 240 households and 1,471 people; 715 of them.")
    assert {"m5", "#9", "#240", "#1471", "#715"} <= set(zh & en)
    assert "#1" not in zh  # 一些, 统一: words, not numbers
    ru = anchors("10 мая 1961 г. товарищ Хрущев встретился с представителями НАТО")
    en = anchors("On 10 May 1961 Comrade Khrushchev met NATO representatives")
    assert {"#10", "m5", "#1961", "n:hrus", "n:nato"} <= set(ru & en)
    gloss = anchors("the [cadres] said [otpala]")
    assert "n:otpa" in gloss


def test_the_seed_aligns_paragraph_by_paragraph(seed_store: Store) -> None:
    alignment = align_texts(ZH, _en(seed_store.root))
    assert [b.kind for b in alignment.beads] == ["1-1"] * 20
    assert [b.source for b in alignment.beads] == [(i,) for i in range(1, 21)]
    sixth = alignment.beads[5]
    assert {"#1471", "#715", "#240"} <= set(sixth.anchors)
    kinds = [s.kind for s in sixth.sentences]
    assert kinds.count("1-2") == 1 and kinds.count("1-1") == 8  # 这些人来自...: two English


def test_merged_split_and_missing_paragraphs(seed_store: Store) -> None:
    en = paragraphs(_en(seed_store.root))
    texts = [p.text for p in en]
    # the translator merged paragraphs 8 and 9, split 17, and left out 14
    merged = [*texts[:7], texts[7] + " " + texts[8], *texts[9:13], *texts[14:16]]
    first, _, rest = texts[16].partition(" According to reports")
    merged += [first, "According to reports" + rest, *texts[17:]]
    alignment = align_texts(ZH, "\n\n".join(merged) + "\n")
    by_source = {b.source: (b.kind, b.target) for b in alignment.beads}
    assert by_source[(8, 9)] == ("2-1", (8,))
    assert by_source[(14,)] == ("1-0", ())
    assert by_source[(17,)] == ("1-2", (15, 16))
    assert all(b.kind == "1-1" for b in alignment.beads if b.source not in ((8, 9), (14,), (17,)))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="ab 1.。甲乙", min_size=1, max_size=30), max_size=8),
    st.lists(st.text(alphabet="xy 1.", min_size=1, max_size=40), max_size=8),
)
def test_every_segment_is_used_once_in_order(left: list[str], right: list[str]) -> None:
    src = paragraphs("\n\n".join(left))
    tgt = paragraphs("\n\n".join(right))
    beads = align_segments(src, tgt)
    assert [i for b in beads for i in b.source] == list(range(1, len(src) + 1))
    assert [i for b in beads for i in b.target] == list(range(1, len(tgt) + 1))
    assert all(b.kind in ("1-1", "1-0", "0-1", "2-1", "1-2") for b in beads)


def test_cli_formats(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed_store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")
    from provenance.model import Agent

    seed_store.commit(
        SEED_ID, "zh", ZH.encode(), agents=[Agent("A", "transcriber")], activity="transcribed",
        message="m",
    )  # fmt: skip
    base = ("--records", seed_store.root, "align", f"{SEED_ID}/zh@1", f"{SEED_ID}/en@1")
    r = run(*base)
    assert r.exit_code == 0, r.stderr
    assert "¶6 ↔ ¶6  1-1  anchors:" in r.stdout and "(20 pairs)" in r.stdout
    r = run(*base, "--format", "json")
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version" and data["kinds"] == {"1-1": 20}
    alignment = align_texts(ZH, _en(seed_store.root))
    assert data == json.loads(
        json.dumps(as_dict(alignment, f"{SEED_ID}/zh@1", f"{SEED_ID}/en@1"), ensure_ascii=False)
    )
    out = tmp_path / "pairs.html"
    r = run(*base, "--format", "html", "-o", out)
    assert r.exit_code == 0 and out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "五月九日夜" in out.read_text("utf-8")
    r = run("align", tmp_path / "missing.txt", f"{SEED_ID}/en@1", "--records", seed_store.root)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
