"""``provenance review BASE..HEAD``: what a pull request changed in a record store.

Library use::

    from provenance.review import FORMATS, build_review

    review = build_review("records", "origin/main..HEAD")
    for doc in review.documents:
        for version in doc.versions:          # new versions, with their word diff
            print(version.ref, version.counts(), version.interventions())
    print(FORMATS["markdown"](review))         # a pull-request comment
"""

from __future__ import annotations

from .model import DocumentReview, MetadataReview, Review, VersionReview, build_review
from .render import FORMATS, review_data

__all__ = [
    "FORMATS",
    "DocumentReview",
    "MetadataReview",
    "Review",
    "VersionReview",
    "build_review",
    "review_data",
]
