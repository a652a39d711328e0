#!/usr/bin/env bash
# Renders the chart snapshots (tests/snapshots/*.svg) and the example's charts to PNG so that a
# reviewer can look at them: `bash tools/render_charts.sh [OUT_DIR]` (default target/charts).
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin) and a sans-serif font such as
# DejaVu Sans (fonts-dejavu-core). The PNGs are for looking at, not for committing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/charts}"
mkdir -p "$out"
if ! command -v rsvg-convert >/dev/null; then
    echo "rsvg-convert not found: apt-get install librsvg2-bin" >&2
    exit 1
fi
# The example writes target.svg and bilateral.svg into the current directory.
root="$PWD"
(cd "$out" && cargo run --quiet --manifest-path "$root/Cargo.toml" --features chart --example kazakhstan_turkiye >/dev/null)
for svg in tests/snapshots/*.svg "$out"/*.svg; do
    [ -e "$svg" ] || continue
    case "$svg" in tests/*) prefix=snapshot-;; *) prefix=;; esac
    png="$out/$prefix$(basename "${svg%.svg}").png"
    rsvg-convert --background-color=white -o "$png" "$svg"
    echo "$png"
done
# The README's picture is the example's target chart: say so when it has drifted.
if ! cmp -s "$out/target.svg" docs/kazakhstan_turkiye_target.svg; then
    echo "docs/kazakhstan_turkiye_target.svg differs from the example's target.svg:" >&2
    echo "  cp $out/target.svg docs/kazakhstan_turkiye_target.svg" >&2
fi
