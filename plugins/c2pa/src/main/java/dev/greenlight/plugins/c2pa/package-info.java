/**
 * The {@code c2pa} plugin: reads and verifies C2PA Content Credentials embedded in media files and
 * reports them as provenance evidence.
 *
 * <p>{@link dev.greenlight.plugins.c2pa.C2paProvenance} is the extension the engine runs;
 * {@link dev.greenlight.plugins.c2pa.C2paReader} is the reader behind it. Everything else (locating
 * the store in JPEG, PNG, ISO BMFF and RIFF files, JUMBF and CBOR parsing, COSE signature and
 * certificate checks, hard-binding hashes) is package-private.
 *
 * <p>Nothing in this package accepts {@code null} unless its documentation says so.
 */
package dev.greenlight.plugins.c2pa;
