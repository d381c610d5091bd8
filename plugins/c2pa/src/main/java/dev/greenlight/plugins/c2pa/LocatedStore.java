package dev.greenlight.plugins.c2pa;

/**
 * What a media file holds of C2PA: its embedded manifest store's JUMBF bytes (continuation headers
 * already dropped), and a remote-manifest URL from its XMP. Immutable by convention: the array is
 * never written after it is made.
 *
 * @param container the container the store was found in ({@code jpeg}, {@code png}, {@code bmff},
 *                  {@code riff}), or the sniffed format when there is none; never {@code null}
 * @param jumbf     the manifest store, or {@code null} when the file embeds none
 * @param remoteUrl the XMP {@code dcterms:provenance} URL, or {@code null}; never fetched
 */
record LocatedStore(String container, byte[] jumbf, String remoteUrl) {
}
