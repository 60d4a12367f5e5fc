#!/usr/bin/env bash
# Renders a run folder's SVG charts to PNG (800 px wide) with rsvg-convert (Debian: librsvg2-bin),
# to look at them as a reader would:  scripts/render-charts.sh Reports/latest
set -euo pipefail
folder="${1:-Reports/latest}"
command -v rsvg-convert >/dev/null || { echo "render-charts: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2; exit 1; }
shopt -s nullglob
charts=("$folder"/*.svg)
[ ${#charts[@]} -gt 0 ] || { echo "render-charts: no .svg in $folder" >&2; exit 1; }
for svg in "${charts[@]}"; do
    rsvg-convert -w 800 "$svg" -o "${svg%.svg}.png"
    echo "${svg%.svg}.png"
done
