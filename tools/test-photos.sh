#!/usr/bin/env bash
# Real photos for the face detector's tests and `sa bench --parts detector`, taken from Debian's
# python3-skimage package (scikit-image's sample data; nothing is committed to this repository):
#   astronaut.png    Eileen Collins, NASA portrait, 512 x 512, one frontal face (public domain)
#   lfw_subset.npy   100 face and 100 non-face crops of 25 x 25 px from Labeled Faces in the Wild
#   15 photos without a human face (a cat, coffee, a rocket, a motorcycle, textures, text, ...)
# Usage: tools/test-photos.sh [DIR]   (default: $HOME/.cache/sa/test-photos; tests read the same
# default, or -Dsa.testPhotos=DIR). Needs apt-get's package lists (apt-get update) and network;
# run once per machine. Downloads the .deb (about 20 MB) into a temp folder; installs nothing.
set -euo pipefail
dir=${1:-$HOME/.cache/sa/test-photos}
files=(astronaut.png lfw_subset.npy chelsea.png coffee.png rocket.jpg motorcycle_left.png
  hubble_deep_field.jpg retina.jpg text.png coins.png page.png ihc.png grass.png gravel.png
  brick.png horse.png moon.png camera.png)
missing=0
for f in "${files[@]}"; do [[ -s "$dir/$f" ]] || missing=1; done
if [[ $missing == 0 ]]; then
  echo "test photos: already in $dir"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1) || {
  (apt-get update -qq >/dev/null 2>&1 && cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1) || {
    echo "test photos: 'apt-get download python3-skimage' failed; real-photo tests will be skipped" >&2
    exit 1
  }
}
deb=$(ls "$tmp"/python3-skimage_*.deb)
src=./usr/lib/python3/dist-packages/skimage/data
members=()
for f in "${files[@]}"; do members+=("$src/$f"); done
mkdir -p "$tmp/x"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp/x" "${members[@]}"
mkdir -p "$dir"
for f in "${files[@]}"; do cp "$tmp/x/$src/$f" "$dir/$f.part" && mv "$dir/$f.part" "$dir/$f"; done
echo "test photos: ${#files[@]} files from $(basename "$deb") in $dir"
