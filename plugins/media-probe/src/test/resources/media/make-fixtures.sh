#!/usr/bin/env bash
# How the fixtures listed in truth-made.tsv were made (FFmpeg 5.1, Debian 12), for the record and
# for remaking them. The build never runs this: the files are committed and tests need no FFmpeg.
# truth-made.tsv holds what ffprobe reports for them; images list no duration or frame rate, as in
# truth.tsv. half.jpg and tail-damaged.mp4 are broken on purpose (ffprobe reads their headers fine).
set -euo pipefail
Q="-hide_banner -loglevel error -y"
ffmpeg $Q -f lavfi -i testsrc2=size=160x90:rate=24 -t 30 -c:v libx264 -preset veryfast -crf 45 -g 48 -pix_fmt yuv420p -movflags frag_keyframe+empty_moov frag-30s.mp4
ffmpeg $Q -f lavfi -i mandelbrot=size=640x360 -frames:v 1 -q:v 5 whole.jpg
python3 -c "d=open('whole.jpg','rb').read(); open('half.jpg','wb').write(d[:len(d)//2])"
ffmpeg $Q -f lavfi -i sine=frequency=440:duration=3 -c:a flac tone-3s.flac
ffmpeg $Q -f lavfi -i sine=frequency=440:duration=3 -c:a libvorbis -q:a 0 tone-3s.ogg
ffmpeg $Q -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=duration=2 -t 2 -c:v mpeg4 -q:v 10 -c:a mp3 -b:a 32k clip-2s.avi
ffmpeg $Q -f lavfi -i testsrc2=size=320x240:rate=30 -f lavfi -i sine=duration=3 -t 3 -c:v libx264 -crf 40 -preset veryfast -c:a libopus -b:a 24k clip-3s.mkv
ffmpeg $Q -f lavfi -i testsrc2=size=320x240:rate=25 -t 2 -c:v libx265 -crf 40 -preset veryfast -tag:v hvc1 -x265-params log-level=error clip-hevc-2s.mp4
ffmpeg $Q -f lavfi -i testsrc2=size=160x120:rate=10 -t 1 anim-1s.gif
ffmpeg $Q -f lavfi -i mandelbrot=size=400x300 -frames:v 1 -c:v libwebp -q:v 30 still.webp
ffmpeg $Q -f lavfi -i mandelbrot=size=200x150 -frames:v 1 -pix_fmt rgb48be still-16bit.png
ffmpeg $Q -f lavfi -i mandelbrot=size=200x150 -frames:v 1 -compression_algo deflate still.tiff
ffmpeg $Q -f lavfi -i mandelbrot=size=120x90 -frames:v 1 still.bmp
ffmpeg $Q -f lavfi -i sine=frequency=440:duration=3 -c:a aac -b:a 32k tone-3s.m4a
ffmpeg $Q -f lavfi -i sine=frequency=440:duration=2 -ar 16000 -c:a pcm_s16le tone-2s.wav
ffmpeg $Q -f lavfi -i testsrc2=size=320x180:rate=30 -t 2 -c:v libx264 -crf 40 -preset veryfast -movflags +faststart base-2s.mp4
# a display matrix asking players to turn the picture (ffprobe: rotation=90, counter-clockwise)
ffmpeg $Q -i base-2s.mp4 -c copy -metadata:s:v:0 rotate=90 rotated-2s.mp4
python3 - <<'PY'
import random, struct
# EXIF orientation 6 (turn 90 degrees clockwise to display) in an APP1 segment after SOI
d = open('whole.jpg', 'rb').read()
tiff = b'MM\x00\x2a' + struct.pack('>I', 8) + struct.pack('>H', 1) + struct.pack('>HHIHH', 0x0112, 3, 1, 6, 0) + struct.pack('>I', 0)
app1 = b'Exif\x00\x00' + tiff
open('exif-rotated.jpg', 'wb').write(d[:2] + b'\xff\xe1' + struct.pack('>H', len(app1) + 2) + app1 + d[2:])
# random bytes over the end of the media data: headers intact, last frames garbage
d = bytearray(open('base-2s.mp4', 'rb').read())
random.seed(7)
for i in range(int(len(d) * 0.80), int(len(d) * 0.97)):
    d[i] = random.randrange(256)
open('tail-damaged.mp4', 'wb').write(d)
PY
rm whole.jpg base-2s.mp4
