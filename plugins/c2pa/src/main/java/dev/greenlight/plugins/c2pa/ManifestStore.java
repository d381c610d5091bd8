package dev.greenlight.plugins.c2pa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifests of one C2PA manifest store, in store order; the last is the active one. Immutable.
 */
final class ManifestStore {
    private final List<Manifest> manifests;
    private final Map<String, Manifest> byLabel;

    private ManifestStore(List<Manifest> manifests) {
        this.manifests = List.copyOf(manifests);
        Map<String, Manifest> map = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            map.putIfAbsent(m.label(), m);
        }
        this.byLabel = Collections.unmodifiableMap(map);
    }

    List<Manifest> manifests() {
        return manifests;
    }

    Manifest active() {
        return manifests.get(manifests.size() - 1);
    }

    /** The manifest with this label, or {@code null}. */
    Manifest get(String label) {
        return byLabel.get(label);
    }

    /**
     * Reads the store from its JUMBF bytes.
     *
     * @throws MalformedStoreException when the bytes are not a C2PA store with at least one manifest
     */
    static ManifestStore read(byte[] jumbf) throws MalformedStoreException {
        List<JumbfBox> top = JumbfReader.read(jumbf);
        if (top.isEmpty() || !top.get(0).isSuperbox() || !"c2pa".equals(top.get(0).label())) {
            throw new MalformedStoreException("claim.malformed", "no C2PA manifest store box");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (JumbfBox m : top.get(0).children()) {
            if (!m.isSuperbox() || m.label() == null) {
                continue;
            }
            if (manifests.size() >= Limits.MAX_MANIFESTS) {
                throw new MalformedStoreException("claim.malformed", "more than " + Limits.MAX_MANIFESTS + " manifests");
            }
            manifests.add(manifest(m));
        }
        if (manifests.isEmpty()) {
            throw new MalformedStoreException("claim.missing", "the manifest store holds no manifest");
        }
        return new ManifestStore(manifests);
    }

    private static Manifest manifest(JumbfBox box) {
        JumbfBox claim = box.child("c2pa.claim.v2");
        if (claim == null) {
            claim = box.child("c2pa.claim");
        }
        Map<String, JumbfBox> assertions = new LinkedHashMap<>();
        JumbfBox store = box.child("c2pa.assertions");
        if (store != null) {
            for (JumbfBox a : store.children()) {
                if (a.isSuperbox() && a.label() != null) {
                    assertions.putIfAbsent(a.label(), a);
                }
            }
        }
        return new Manifest(box.label(), box, claim, box.child("c2pa.signature"), Collections.unmodifiableMap(assertions));
    }
}
