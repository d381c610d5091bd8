package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a claim (v1 {@code c2pa.claim} or v2 {@code c2pa.claim.v2}) that reading and
 * verification need. Immutable.
 *
 * @param version    1 or 2
 * @param bytes      the claim's CBOR, exactly as signed
 * @param generator  v1 {@code claim_generator}; for v2 (which has none) the {@code claim_generator_info}
 *                   entries as {@code name/version}, space-separated; empty when neither is there
 * @param alg        the default hash algorithm ({@code sha256} when the claim names none)
 * @param assertions the assertions the claim lists (v2: created, then gathered)
 */
record Claim(int version, byte[] bytes, String generator, String alg, List<HashedUri> assertions) {

    /**
     * Parses a manifest's claim.
     *
     * @throws MalformedStoreException {@code claim.missing} when there is no claim box,
     *                                 {@code claim.malformed} when it is not a CBOR map within limits
     */
    static Claim of(Manifest m) throws MalformedStoreException {
        if (m.claim() == null || m.claim().content("cbor") == null) {
            throw new MalformedStoreException("claim.missing", "manifest " + m.label() + " has no claim");
        }
        byte[] bytes = m.claim().content("cbor").payload();
        JsonNode c = Cbor.read(bytes, "claim.malformed");
        if (!c.isObject()) {
            throw new MalformedStoreException("claim.malformed", "claim is not a map");
        }
        int version = m.claimVersion();
        List<HashedUri> refs = new ArrayList<>();
        if (version == 2) {
            add(refs, c.path("created_assertions"));
            add(refs, c.path("gathered_assertions"));
        } else {
            add(refs, c.path("assertions"));
        }
        String alg = c.path("alg").isTextual() ? c.path("alg").asText() : "sha256";
        return new Claim(version, bytes, generator(c), alg, List.copyOf(refs));
    }

    private static void add(List<HashedUri> refs, JsonNode list) throws MalformedStoreException {
        for (JsonNode n : list) {
            HashedUri h = HashedUri.of(n);
            if (h == null) {
                throw new MalformedStoreException("claim.malformed", "an assertion reference is not a hashed URI");
            }
            if (refs.size() >= Limits.MAX_ASSERTIONS) {
                throw new MalformedStoreException("claim.malformed", "more than " + Limits.MAX_ASSERTIONS + " assertions");
            }
            refs.add(h);
        }
    }

    private static String generator(JsonNode c) {
        if (c.path("claim_generator").isTextual()) {
            return c.path("claim_generator").asText();
        }
        JsonNode info = c.path("claim_generator_info");
        List<String> parts = new ArrayList<>();
        for (JsonNode i : info.isArray() ? info : List.of(info)) {
            String name = i.path("name").asText("");
            String ver = i.path("version").asText("");
            if (!name.isEmpty()) {
                parts.add(ver.isEmpty() ? name : name + "/" + ver);
            }
        }
        return String.join(" ", parts);
    }
}
