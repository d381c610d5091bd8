package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Finds the active manifest's hard binding (the assertion that ties the manifest to the file's
 * bytes) and verifies it. Stateless; thread-safe.
 */
final class HardBinding {
    static final String DATA = "c2pa.hash.data";
    static final String[] BMFF = {"c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3"};

    private HardBinding() {
    }

    /**
     * The outcome: the binding's label, and a failure code or {@code null}.
     *
     * @param label the hard-binding assertion's label, or empty when there is none
     * @param code  {@code null} when it matches
     */
    record Outcome(String label, String code) {
    }

    static Outcome verify(Manifest m, Claim claim, ByteBuffer file) {
        List<JumbfBox> data = Assertions.listed(m, claim, DATA);
        List<JumbfBox> bmff = Assertions.listed(m, claim, BMFF);
        if (data.size() + bmff.size() > 1) {
            return new Outcome((data.isEmpty() ? bmff : data).get(0).label(), "assertion.multipleHardBindings");
        }
        if (!data.isEmpty()) {
            JsonNode a = Assertions.content(data.get(0));
            return new Outcome(Assertions.base(data.get(0).label()),
                    a == null ? "assertion.dataHash.malformed" : DataHash.verify(a, claim.alg(), file));
        }
        if (!bmff.isEmpty()) {
            JsonNode a = Assertions.content(bmff.get(0));
            String label = Assertions.base(bmff.get(0).label());
            return new Outcome(label, a == null ? "assertion.bmffHash.malformed"
                    : BmffHash.verify(a, claim.alg(), file, !label.equals("c2pa.hash.bmff")));
        }
        return new Outcome("", "claim.hardBindings.missing");
    }
}
