#!/usr/bin/env bash
# The broader media check (issue 16): about 70 varied files made here with ffmpeg, libvips,
# ImageMagick, heif-enc and exiftool (several camera makers' tag sets, orientations 1-8, rotated,
# HDR, variable frame rate and audio-less videos, animated images, CMYK, 16-bit, wide gamut, odd
# sizes) go through POST /media on a throw-away Pastel; every stored variant is fetched back and
# checked. Prints one line per file (status, metadata left, orientation, mean CIEDE2000 against a
# reference conversion made here) and the totals: 5xx, metadata left, wrong orientation.
#   bench/fidelity.sh          (files are kept in bench/.work/fidelity between runs)
source "$(dirname "$0")/lib.sh"
need curl ffmpeg libvips-tools libimage-exiftool-perl imagemagick libheif-examples python3
trap stop_all EXIT
PORT=18190
start_pastel "$PORT"
python3 "$BENCH_DIR/fidelity.py" "http://127.0.0.1:$PORT" "$WORK/fidelity"
