#!/usr/bin/env bash
# Renders a report.html with headless Chromium into PNG screenshots, so a change to the report can
# be checked by eye (issue 18): the page as a reader first sees it (appendix collapsed), and the
# whole page with the appendix open, in screen-sized tiles.
#
#   tools/screenshot-report.sh RUN_DIR/report/report.html [OUT_DIR]    (default OUT_DIR: ./screenshots)
#
# Needs Chromium (Debian: apt-get install -y chromium). Nothing is fetched: the page is
# self-contained. Writes OUT_DIR/first-screen.png and OUT_DIR/page-NN.png.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: $0 REPORT.html [OUT_DIR]  (REPORT.html: a report written by 'sa report' or 'sa run')" >&2
  exit 2
fi
html=$(realpath "$1")
out=${2:-screenshots}
width=${WIDTH:-1200}
tile=${TILE_HEIGHT:-1600}
max_tiles=${MAX_TILES:-40}
# A blank 1200 x 1600 PNG is a few kB; any tile with content is far larger.
blank_bytes=${BLANK_BYTES:-12000}

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null; then browser=$b; break; fi
done
if [[ -z $browser ]]; then
  echo "$0: no Chromium found; install it (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() { # shoot FILE.html OUT.png HEIGHT
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-extensions \
    --no-first-run --no-default-browser-check --user-data-dir="$work/profile" \
    --window-size="$width,$3" --screenshot="$2" "file://$1" >/dev/null 2>&1
}

# 1. What a reader sees first.
shoot "$html" "$out/first-screen.png" "$tile"
# 2. The whole page with the appendix open, one screen-sized tile at a time (the page is shifted
#    up by a negative margin for each tile; tiles past the end of the page are blank and dropped).
sed 's/<details class="appendix"/<details open class="appendix"/' "$html" > "$work/open.html"
for ((i = 0; i < max_tiles; i++)); do
  sed "s#</style>#html{margin-top:-$((i * tile))px}</style>#" "$work/open.html" > "$work/tile.html"
  shot=$(printf '%s/page-%02d.png' "$out" "$i")
  shoot "$work/tile.html" "$shot" "$tile"
  if [[ $(stat -c %s "$shot") -lt $blank_bytes ]]; then
    rm -f "$shot"
    break
  fi
done
ls -1 "$out"
