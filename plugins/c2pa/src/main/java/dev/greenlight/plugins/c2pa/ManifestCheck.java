package dev.greenlight.plugins.c2pa;

import java.util.List;

/**
 * The outcome of checking one manifest's claim and signature (not its hard binding, which only the
 * active manifest's file can show). Immutable.
 *
 * @param claim          the parsed claim, or {@code null} when it could not be read
 * @param cose           the parsed signature, or {@code null} when it could not be read
 * @param algorithm      the signature algorithm, or {@code null} when unsupported or unread
 * @param timeStamp      the verified RFC 3161 time-stamp, or {@code null}
 * @param signatureValid whether the signature verifies over the claim
 * @param trustCodes     credential codes ({@code signingCredential.*}), in the order found
 * @param integrityCodes claim, signature and assertion-hash failure codes, in the order found
 */
record ManifestCheck(Claim claim, CoseSign1 cose, SignatureAlgorithm algorithm, TimeStamp timeStamp,
                     boolean signatureValid, List<String> trustCodes, List<String> integrityCodes) {
}
