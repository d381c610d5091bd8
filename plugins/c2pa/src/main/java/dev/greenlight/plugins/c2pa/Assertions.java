package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a manifest's assertions by kind and reads their content. Stateless; thread-safe.
 */
final class Assertions {
    /** A label with an optional instance suffix ({@code c2pa.actions__2}). */
    private static final Pattern INSTANCE = Pattern.compile("__\\d+$");

    private Assertions() {
    }

    /** The label without its instance suffix. */
    static String base(String label) {
        return INSTANCE.matcher(label).replaceFirst("");
    }

    /**
     * The assertions the claim lists (unlisted ones in the store carry no signature), whose base
     * label is one of {@code bases}, in claim order.
     */
    static List<JumbfBox> listed(Manifest m, Claim claim, String... bases) {
        List<JumbfBox> out = new ArrayList<>();
        for (HashedUri ref : claim.assertions()) {
            String label = ref.lastLabel();
            String base = base(label);
            for (String b : bases) {
                JumbfBox box = m.assertions().get(label);
                if (b.equals(base) && box != null) {
                    out.add(box);
                }
            }
        }
        return out;
    }

    /** The CBOR or JSON content of an assertion, or {@code null} when it has neither or it is malformed. */
    static JsonNode content(JumbfBox assertion) {
        try {
            JumbfBox cbor = assertion.content("cbor");
            if (cbor != null) {
                return Cbor.read(cbor.payload(), "assertion.cbor.invalid");
            }
            JumbfBox json = assertion.content("json");
            if (json != null) {
                return Cbor.readJson(json.payload(), "assertion.json.invalid");
            }
        } catch (MalformedStoreException e) {
            return null;
        }
        return null;
    }
}
