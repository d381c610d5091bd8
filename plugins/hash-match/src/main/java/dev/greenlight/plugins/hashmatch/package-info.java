/**
 * The {@code hash-match} plugin: matches media against banks of known content.
 *
 * <p>{@link dev.greenlight.plugins.hashmatch.HashMatch} is the extension the engine runs. The
 * public pieces reusable on their own are {@link dev.greenlight.plugins.hashmatch.PdqHasher} (the
 * PDQ perceptual hash of an image), its result {@link dev.greenlight.plugins.hashmatch.PdqHash},
 * and {@link dev.greenlight.plugins.hashmatch.Hash256}; {@link dev.greenlight.plugins.hashmatch.VideoBankTool}
 * writes video bank lines, and {@link dev.greenlight.plugins.hashmatch.VideoPdqTask} is public only
 * for the worker process's service loader. Everything else (bank loading, the exact, multi-index
 * and video banks, vPDQ matching, FFmpeg frame sampling, safe file resolution) is package-private.
 *
 * <p>Nothing in this package accepts {@code null} unless its documentation says so.
 */
package dev.greenlight.plugins.hashmatch;
