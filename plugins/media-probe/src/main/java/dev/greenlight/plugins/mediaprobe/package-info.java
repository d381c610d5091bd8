/**
 * The {@code media-probe} plugin: opens each media file a submission names, finds what it really
 * is from its bytes (type, format, codec, dimensions, duration, frame rate, size, SHA-256), and
 * reports how that differs from what the submission declares.
 *
 * <p>{@link dev.greenlight.plugins.mediaprobe.MediaProbe} is the extension;
 * {@link dev.greenlight.plugins.mediaprobe.Keyframes} (with
 * {@link dev.greenlight.plugins.mediaprobe.KeyframeException}) makes posters and contact sheets for
 * review pages. {@code FfmpegProbe} and {@code KeyframesTask} are public only for the worker
 * process's service loader. Everything else is package-private and confined to one analysis call
 * (so needs no locking). FFmpeg runs only in worker processes (the {@code media-worker} library). Files are opened only
 * inside the call's media root ({@code SafePaths}), every read is bounded by the call's deadline
 * ({@code MediaSource}), and no file is ever read whole into memory.
 */
package dev.greenlight.plugins.mediaprobe;
