package dev.greenlight.plugins.hashmatch;

import java.util.Optional;

/** The kinds of bank, told apart by the bank file's name. */
enum HashAlgorithm {
    /** Exact match of the file's bytes. */
    SHA256("sha256", ".sha256.tsv"),
    /** Perceptual match of an image by Hamming distance. */
    PDQ("pdq", ".pdq.tsv"),
    /** Perceptual match of a video: PDQ hashes of its frames, matched as Meta's vPDQ does. */
    VPDQ("vpdq", ".vpdq.tsv");

    private final String id;
    private final String fileSuffix;

    HashAlgorithm(String id, String fileSuffix) {
        this.id = id;
        this.fileSuffix = fileSuffix;
    }

    /** The name used in signals ({@code algorithm} attribute). */
    String id() {
        return id;
    }

    String fileSuffix() {
        return fileSuffix;
    }

    /** The algorithm a bank file holds, from its name; empty when the name has neither suffix. */
    static Optional<HashAlgorithm> ofFileName(String fileName) {
        for (HashAlgorithm a : values()) {
            if (fileName.endsWith(a.fileSuffix) && fileName.length() > a.fileSuffix.length()) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
