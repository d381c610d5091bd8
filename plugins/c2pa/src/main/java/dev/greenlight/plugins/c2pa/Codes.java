package dev.greenlight.plugins.c2pa;

import java.util.Set;

/**
 * Classifies C2PA validation status codes. Stateless; thread-safe.
 */
final class Codes {
    /**
     * Codes that say who signed cannot be vouched for, not that anything was altered: they keep a
     * manifest {@code valid} rather than {@code trusted}, and never make it {@code invalid}.
     */
    private static final Set<String> TRUST = Set.of("signingCredential.untrusted", "cawg.x509.credential.untrusted");

    /** Success and informational codes that appear in recorded {@code validationStatus} lists. */
    private static final Set<String> NOT_FAILURE_SUFFIXES = Set.of(".validated", ".match", ".trusted",
            ".insideValidity", ".skipped", ".notRevoked", ".verified");

    private Codes() {
    }

    static boolean isTrustOnly(String code) {
        return TRUST.contains(code);
    }

    /** Whether a code from a recorded status list is a failure (the v1/v2 lists mix all three kinds). */
    static boolean isFailure(String code) {
        if (code.isEmpty()) {
            return false;
        }
        for (String s : NOT_FAILURE_SUFFIXES) {
            if (code.endsWith(s)) {
                return false;
            }
        }
        return true;
    }
}
