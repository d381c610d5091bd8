package dev.greenlight.plugins.c2pa;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one manifest: the claim parses, the COSE signature verifies over it, the signer's
 * certificate chains to a trust anchor (valid at the time-stamp's time, or now without one), and
 * every assertion the claim lists is there with the hash the claim records. Immutable; thread-safe.
 */
final class ManifestChecker {
    private final TrustAnchors anchors;
    private final Clock clock;

    ManifestChecker(TrustAnchors anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    ManifestCheck check(Manifest m) {
        List<String> trust = new ArrayList<>();
        List<String> integrity = new ArrayList<>();
        Claim claim;
        try {
            claim = Claim.of(m);
        } catch (MalformedStoreException e) {
            return new ManifestCheck(null, null, null, null, false, List.of(), List.of(e.code()));
        }
        CoseSign1 cose = null;
        SignatureAlgorithm alg = null;
        TimeStamp ts = null;
        boolean valid = false;
        try {
            cose = CoseSign1.of(m.signature());
            alg = SignatureAlgorithm.of(cose.alg());
            ts = TimeStamp.of(cose.unprotected());
            Instant at = ts != null ? ts.time() : clock.instant();
            trust.addAll(anchors.check(cose.chain(), at));
            if (alg == null) {
                integrity.add("algorithm.unsupported");
            } else {
                byte[] tbs = Cbor.sigStructure(cose.protectedBytes(), new byte[0], claim.bytes());
                valid = alg.verify(cose.chain().get(0).getPublicKey(), tbs, cose.signature());
                if (!valid) {
                    integrity.add("claimSignature.mismatch");
                }
            }
        } catch (MalformedStoreException e) {
            integrity.add(e.code());
        }
        for (HashedUri ref : claim.assertions()) {
            String code = checkReference(m, claim, ref);
            if (code != null && !integrity.contains(code)) {
                integrity.add(code);
            }
        }
        return new ManifestCheck(claim, cose, alg, valid ? ts : null, valid, List.copyOf(trust), List.copyOf(integrity));
    }

    /** {@code null} when the assertion is present with the recorded hash, otherwise the failure code. */
    private static String checkReference(Manifest m, Claim claim, HashedUri ref) {
        String manifest = ref.manifestLabel();
        if (manifest != null && !manifest.equals(m.label())) {
            return "assertion.outsideManifest";
        }
        JumbfBox box = m.assertions().get(ref.lastLabel());
        if (box == null) {
            return "assertion.missing";
        }
        if (Digests.of(ref.alg() != null ? ref.alg() : claim.alg()) == null) {
            return "algorithm.unsupported";
        }
        return hashMatches(box, ref, claim.alg()) ? null : "assertion.hashedURI.mismatch";
    }

    /**
     * Whether {@code ref}'s hash is the hash of {@code box}'s payload (its description box and
     * content boxes, the superbox header left out, as C2PA hashes JUMBF references); false for an
     * algorithm C2PA does not allow.
     */
    static boolean hashMatches(JumbfBox box, HashedUri ref, String defaultAlg) {
        MessageDigest md = Digests.of(ref.alg() != null ? ref.alg() : defaultAlg);
        if (md == null) {
            return false;
        }
        md.update(box.data(), box.payloadStart(), box.end() - box.payloadStart());
        return MessageDigest.isEqual(md.digest(), ref.hash());
    }
}
