package dev.greenlight.plugins.c2pa;

import java.util.Map;

/**
 * One manifest of a store, as boxes: its claim, signature and assertions, not yet parsed or
 * verified. Immutable.
 *
 * @param label      the manifest's JUMBF label (its URN)
 * @param box        the manifest superbox
 * @param claim      the claim superbox ({@code c2pa.claim} or {@code c2pa.claim.v2}), or {@code null}
 * @param signature  the {@code c2pa.signature} superbox, or {@code null}
 * @param assertions the assertion superboxes by label, in store order
 */
record Manifest(String label, JumbfBox box, JumbfBox claim, JumbfBox signature, Map<String, JumbfBox> assertions) {

    /** 2 for a {@code c2pa.claim.v2} claim, otherwise 1. */
    int claimVersion() {
        return claim != null && "c2pa.claim.v2".equals(claim.label()) ? 2 : 1;
    }
}
