package dev.greenlight.plugins.c2pa;

import java.util.List;

/**
 * What one media file holds of C2PA, and what verifying it found. Immutable; lists are never
 * {@code null} and strings are empty when unknown.
 *
 * @param category          {@code trusted}, {@code valid}, {@code invalid} or {@code absent}
 * @param generator         the active manifest's claim generator
 * @param manifest          the active manifest's label
 * @param manifestCount     manifests in the store
 * @param claimVersion      1 or 2; 0 when there is no claim
 * @param digitalSourceTypes the standard {@code digitalSourceType} values of the active manifest's actions, trimmed
 * @param vendorSourceTypes source types given only in vendor action parameters ({@code ...digitalSourceType} keys)
 * @param storeSourceTypes  standard source types on the actions of any manifest in the store (ingredients too)
 * @param actions           the active manifest's actions, in order
 * @param signer            CN of the signing certificate's subject
 * @param signerOrganization O of the signing certificate's subject
 * @param issuer            CN of the signing certificate's issuer
 * @param algorithm         COSE algorithm name ({@code ES256}, {@code PS256}, {@code Ed25519}...)
 * @param signedAt          the RFC 3161 time-stamp's time (ISO-8601), when the signature is valid
 * @param timeStampAuthority CN of the time-stamp authority
 * @param hardBinding       label of the hard-binding assertion
 * @param ingredients       the active manifest's ingredients, as {@code relationship:title}
 * @param codes             failure status codes of the active manifest, in the order found
 * @param ingredientCodes   failure codes found re-validating ingredients' manifests that the writer
 *                          had not recorded for them (what has changed since)
 * @param recordedCodes     failure codes the writer recorded in the ingredient assertions
 * @param remoteManifest    a remote manifest URL from XMP (never fetched)
 */
public record Report(String category, String generator, String manifest, int manifestCount, int claimVersion,
              List<String> digitalSourceTypes, List<String> vendorSourceTypes, List<String> storeSourceTypes,
              List<String> actions, String signer, String signerOrganization, String issuer, String algorithm,
              String signedAt, String timeStampAuthority, String hardBinding, List<String> ingredients,
              List<String> codes, List<String> ingredientCodes, List<String> recordedCodes, String remoteManifest) {

    static final String TRUSTED = "trusted";
    static final String VALID = "valid";
    static final String INVALID = "invalid";
    static final String ABSENT = "absent";

    /** A file without an embedded manifest. */
    static Report absent(String remoteManifest) {
        return new Report(ABSENT, "", "", 0, 0, List.of(), List.of(), List.of(), List.of(), "", "", "", "", "", "",
                "", List.of(), List.of(), List.of(), List.of(), remoteManifest == null ? "" : remoteManifest);
    }

    /** A store that could not be read at all: {@code invalid} with the one code that says why. */
    static Report unreadable(String code, String remoteManifest) {
        return new Report(INVALID, "", "", 0, 0, List.of(), List.of(), List.of(), List.of(), "", "", "", "", "", "",
                "", List.of(), List.of(code), List.of(), List.of(), remoteManifest == null ? "" : remoteManifest);
    }
}
