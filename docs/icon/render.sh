#!/bin/sh
# Renders docs/icon/icon.svg to the PNGs the extension ships (public/icon/<size>.png, which WXT lists in the
# manifest's icons). The PNGs are committed, so builds need no renderer; run this after editing the SVG.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
cd "$(dirname "$0")/../.."
mkdir -p public/icon
for size in 16 32 48 96 128; do
  rsvg-convert --width "$size" --height "$size" docs/icon/icon.svg --output "public/icon/$size.png"
done
