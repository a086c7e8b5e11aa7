"""What a stale translation should review: which paragraphs of the original changed between
the version the translation was made from and the latest, and (through an alignment of that
version with the translation) which paragraphs of the translation render them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from .core import align_texts
from .segment import paragraphs


@dataclass(frozen=True)
class StaleDetail:
    """Paragraph numbers: ``changed`` in the version translated (changed or removed since),
    ``changed_latest`` the same places in the latest version (with paragraphs added there),
    ``review`` in the translation."""

    changed: tuple[int, ...]
    changed_latest: tuple[int, ...]
    review: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "original_paragraphs_changed": list(self.changed),
            "latest_paragraphs_changed": list(self.changed_latest),
            "translation_paragraphs_to_review": list(self.review),
        }


def _numbers(values: tuple[int, ...]) -> str:
    return ", ".join(f"¶{v}" for v in values) if values else "none"


def describe(detail: StaleDetail, original: str, old: int, new: int, translation: str) -> str:
    """``zh@1 ¶6 changed (¶6 in zh@2); review en ¶6``."""
    parts = []
    if detail.changed:
        parts.append(
            f"{original}@{old} {_numbers(detail.changed)} changed"
            + (
                f" ({_numbers(detail.changed_latest)} in {original}@{new})"
                if detail.changed_latest
                else ""
            )
        )
    elif detail.changed_latest:
        parts.append(f"{original}@{new} adds {_numbers(detail.changed_latest)}")
    else:
        parts.append(f"no paragraph of {original} changed between @{old} and @{new}")
    if detail.review:
        parts.append(f"review {translation} {_numbers(detail.review)}")
    return "; ".join(parts)


def stale_detail(old_original: str, new_original: str, translation: str) -> StaleDetail:
    """Compare the original's two versions paragraph by paragraph and map the changes onto
    the translation (made from ``old_original``)."""
    old = paragraphs(old_original)
    new = paragraphs(new_original)
    matcher = difflib.SequenceMatcher(
        None, [p.text for p in old], [p.text for p in new], autojunk=False
    )
    changed: list[int] = []
    changed_latest: list[int] = []
    inserted_after: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed.extend(range(i1 + 1, i2 + 1))
        changed_latest.extend(range(j1 + 1, j2 + 1))
        if tag == "insert":
            inserted_after.append(i1)  # 0: before the first paragraph
    review: set[int] = set()
    if changed or inserted_after:
        alignment = align_texts(old_original, translation, with_sentences=False)
        for k in changed:
            review.update(alignment.targets_of(k))
        for k in inserted_after:
            # the translation's paragraph the new one follows (or precedes, at the start)
            near = alignment.targets_of(k) if k else alignment.targets_of(1)
            review.update(near[-1:] if k else near[:1])
    return StaleDetail(tuple(changed), tuple(changed_latest), tuple(sorted(review)))
