package dev.greenlight.plugins.c2pa;

import dev.greenlight.model.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Report} into the plugin's signals: {@code provenance.c2pa} always, and
 * {@code provenance.mismatch} when the submission's declaration disagrees with the file. Stateless;
 * thread-safe.
 */
final class ProvenanceSignals {
    static final String C2PA = "provenance.c2pa";
    static final String MISMATCH = "provenance.mismatch";

    private ProvenanceSignals() {
    }

    static List<Signal> of(int mediaIndex, Report r, boolean declared) {
        List<Signal> out = new ArrayList<>(2);
        Signal.Builder b = Signal.builder(C2PA).mediaIndex(mediaIndex).category(r.category());
        if (!r.generator().isEmpty()) {
            b.value(r.generator());
        }
        put(b, "manifest", r.manifest());
        put(b, "claimVersion", r.claimVersion() == 0 ? "" : Integer.toString(r.claimVersion()));
        put(b, "manifests", r.manifestCount() == 0 ? "" : Integer.toString(r.manifestCount()));
        put(b, "digitalSourceType", String.join(",", r.digitalSourceTypes()));
        put(b, "vendorSourceType", String.join(",", r.vendorSourceTypes()));
        put(b, "storeSourceType", String.join(",", r.storeSourceTypes()));
        put(b, "generatedByModel", r.category().equals(Report.ABSENT) ? "" : Boolean.toString(generatedByModel(r)));
        put(b, "actions", String.join(",", r.actions()));
        put(b, "signer", r.signer());
        put(b, "signerOrganization", r.signerOrganization());
        put(b, "issuer", r.issuer());
        put(b, "algorithm", r.algorithm());
        put(b, "signedAt", r.signedAt());
        put(b, "timeStampAuthority", r.timeStampAuthority());
        put(b, "hardBinding", r.hardBinding());
        put(b, "ingredients", r.category().equals(Report.ABSENT) ? "" : Integer.toString(r.ingredients().size()));
        put(b, "ingredientList", String.join(",", r.ingredients()));
        put(b, "codes", String.join(",", r.codes()));
        put(b, "ingredientCodes", String.join(",", r.ingredientCodes()));
        put(b, "recordedCodes", String.join(",", r.recordedCodes()));
        put(b, "remoteManifest", r.remoteManifest());
        out.add(b.build());
        boolean holds = !r.category().equals(Report.ABSENT);
        if (declared != holds) {
            out.add(Signal.builder(MISMATCH).mediaIndex(mediaIndex)
                    .category(declared ? "declared-not-found" : "found-not-declared")
                    .attribute("declared", Boolean.toString(declared))
                    .attribute("actual", r.category())
                    .build());
        }
        return out;
    }

    /**
     * Whether any manifest in the store says a trained model generated the content (IPTC
     * {@code trainedAlgorithmicMedia} or {@code compositeWithTrainedAlgorithmicMedia}), in a
     * standard field, a vendor parameter, or an ingredient's manifest. {@code algorithmicMedia}
     * (made by an algorithm without training data) does not count.
     */
    static boolean generatedByModel(Report r) {
        for (List<String> list : List.of(r.digitalSourceTypes(), r.vendorSourceTypes(), r.storeSourceTypes())) {
            for (String t : list) {
                if (t.endsWith("/trainedAlgorithmicMedia") || t.endsWith("/compositeWithTrainedAlgorithmicMedia")
                        || t.equals("trainedAlgorithmicMedia") || t.equals("compositeWithTrainedAlgorithmicMedia")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void put(Signal.Builder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.attribute(key, value);
        }
    }
}
