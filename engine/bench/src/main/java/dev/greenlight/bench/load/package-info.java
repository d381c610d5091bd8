/**
 * {@link dev.greenlight.bench.load.LoadClient}: a closed-loop load generator for the HTTP server
 * ({@code greenlight serve}, or a host embedding {@code greenlight-server}), run as a second process,
 * with an in-process mode that decides the same submissions without HTTP for comparison.
 */
package dev.greenlight.bench.load;
