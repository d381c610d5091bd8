package dev.greenlight.plugins.c2pa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and verifies the C2PA manifest store of one media file and sums it up as a {@link Report}.
 * Immutable; thread-safe (every call keeps its state on the stack).
 *
 * <p>Never throws for anything in the file: a damaged or hostile store is {@code invalid} with the
 * status code that says what failed.
 */
public final class C2paReader {
    private static final Logger LOG = LoggerFactory.getLogger(C2paReader.class);

    private final ManifestChecker checker;

    /**
     * @param anchors the certificates a signer must chain to for {@code trusted}; may be empty
     * @param clock   the time certificates are judged at when a signature has no time-stamp
     */
    public C2paReader(List<X509Certificate> anchors, Clock clock) {
        this.checker = new ManifestChecker(anchors.isEmpty() ? TrustAnchors.NONE : new TrustAnchors(anchors), clock);
    }

    /**
     * The report for the file whose bytes are {@code file} (read from 0 to its limit; not moved).
     * Never throws: a fault of this reader on some input (a bug, which the fuzz test hunts through
     * {@link #read}) is reported as {@code invalid} with {@code general.error}, so that one bad
     * file cannot make the plugin fail every decision it is in.
     */
    public Report readSafely(ByteBuffer file) {
        try {
            return read(file);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("c2pa: reader fault on a file, reported as invalid/general.error", e);
            return Report.unreadable("general.error", null);
        }
    }

    /** As {@link #readSafely}, but a fault of the reader propagates (for tests). */
    Report read(ByteBuffer file) {
        LocatedStore located;
        try {
            located = StoreLocator.locate(file);
        } catch (MalformedStoreException e) {
            return Report.unreadable(e.code(), null);
        }
        if (located.jumbf() == null) {
            return Report.absent(located.remoteUrl());
        }
        ManifestStore store;
        try {
            store = ManifestStore.read(located.jumbf());
        } catch (MalformedStoreException e) {
            return Report.unreadable(e.code(), located.remoteUrl());
        }
        return verify(store, file, located.remoteUrl());
    }

    private Report verify(ManifestStore store, ByteBuffer file, String remote) {
        Manifest active = store.active();
        ManifestCheck check = checker.check(active);
        if (check.claim() == null) {
            return Report.unreadable(check.integrityCodes().get(0), remote);
        }
        Claim claim = check.claim();
        List<String> codes = new ArrayList<>(check.trustCodes());
        codes.addAll(check.integrityCodes());
        HardBinding.Outcome binding = HardBinding.verify(active, claim, file);
        addCode(codes, binding.code());

        List<Ingredient> ingredients = Ingredient.of(active, claim);
        Set<String> recorded = new LinkedHashSet<>();
        List<String> ingredientCodes = new ArrayList<>();
        checkIngredients(store, active, ingredients, codes, ingredientCodes, recorded);
        if (!Assertions.listed(active, claim, "cawg.identity").isEmpty()) {
            // CAWG identity assertions answer to their own trust list, which is not configurable
            // here: their credential is reported untrusted (and the identity signature is not verified)
            addCode(codes, "cawg.x509.credential.untrusted");
        }

        ActionFacts facts = ActionFacts.of(active, claim);
        Set<String> storeTypes = new LinkedHashSet<>();
        for (Manifest m : store.manifests()) {
            try {
                Claim mc = m == active ? claim : Claim.of(m);
                storeTypes.addAll(ActionFacts.of(m, mc).sourceTypes());
            } catch (MalformedStoreException e) {
                // an unreadable ingredient manifest declares nothing; its failure is reported above
            }
        }

        String category = category(codes, ingredientCodes);
        X509Certificate signer = check.cose() != null ? check.cose().chain().get(0) : null;
        List<String> ingredientLabels = new ArrayList<>();
        for (Ingredient i : ingredients) {
            ingredientLabels.add(i.relationship() + ":" + i.title());
        }
        return new Report(category, claim.generator(), active.label(), store.manifests().size(), claim.version(),
                facts.sourceTypes(), facts.vendorTypes(), List.copyOf(storeTypes), facts.actions(),
                signer == null ? "" : Certificates.commonName(signer.getSubjectX500Principal()),
                signer == null ? "" : Certificates.attribute(signer.getSubjectX500Principal(), "O"),
                signer == null ? "" : Certificates.commonName(signer.getIssuerX500Principal()),
                check.algorithm() == null ? "" : check.algorithm().name(),
                check.timeStamp() == null ? "" : check.timeStamp().time().toString(),
                check.timeStamp() == null ? "" : check.timeStamp().authority(),
                binding.label(), List.copyOf(ingredientLabels), List.copyOf(codes), List.copyOf(ingredientCodes),
                List.copyOf(recorded), remote == null ? "" : remote);
    }

    /**
     * Checks the manifests the ingredients point at, and theirs in turn (breadth first, each once,
     * to {@link Limits#MAX_INGREDIENT_DEPTH}). A missing manifest is a failure of the active one;
     * what checking an ingredient's manifest finds goes to {@code ingredientCodes}.
     */
    private void checkIngredients(ManifestStore store, Manifest active, List<Ingredient> first, List<String> codes,
                                  List<String> ingredientCodes, Set<String> recorded) {
        Set<String> seen = new HashSet<>();
        seen.add(active.label());
        Deque<List<Ingredient>> level = new ArrayDeque<>();
        level.add(first);
        boolean top = true;
        for (int depth = 0; depth < Limits.MAX_INGREDIENT_DEPTH && !level.isEmpty(); depth++) {
            List<Ingredient> next = new ArrayList<>();
            for (List<Ingredient> list : level) {
                for (Ingredient i : list) {
                    if (top) {
                        recorded.addAll(i.recordedCodes());
                    }
                    if (i.manifest() == null) {
                        continue;
                    }
                    Manifest m = store.get(i.manifest().lastLabel());
                    if (m == null) {
                        addCode(top ? codes : ingredientCodes, "ingredient.manifest.missing");
                        continue;
                    }
                    if (!seen.add(m.label())) {
                        continue;
                    }
                    if (seen.size() > Limits.MAX_CHECKED_INGREDIENTS + 1) {
                        addCode(codes, "general.error");
                        return;
                    }
                    boolean unchanged = ManifestChecker.hashMatches(m.box(), i.manifest(), "sha256");
                    if (!unchanged) {
                        addCode(ingredientCodes, "ingredient.manifest.mismatch");
                    }
                    ManifestCheck c = checker.check(m);
                    List<String> found = new ArrayList<>(c.trustCodes());
                    found.addAll(c.integrityCodes());
                    for (String code : found) {
                        // C2PA 2.x, validating ingredients: when the ingredient's manifest is byte for
                        // byte the one the writer validated (its hashed URI matches), the status the
                        // writer recorded stands; only what differs from it is reported (as c2pa-rs
                        // reports "ingredient deltas")
                        if (!(unchanged && i.recordedCodes().contains(code))) {
                            addCode(ingredientCodes, code);
                        }
                    }
                    if (c.claim() != null) {
                        next.addAll(Ingredient.of(m, c.claim()));
                    }
                }
            }
            level.clear();
            if (!next.isEmpty()) {
                level.add(next);
            }
            top = false;
        }
    }

    private static String category(List<String> codes, List<String> ingredientCodes) {
        boolean untrusted = false;
        for (List<String> list : List.of(codes, ingredientCodes)) {
            for (String c : list) {
                if (!Codes.isTrustOnly(c)) {
                    return Report.INVALID;
                }
                untrusted = true;
            }
        }
        return untrusted ? Report.VALID : Report.TRUSTED;
    }

    private static void addCode(List<String> codes, String code) {
        if (code != null && !codes.contains(code)) {
            codes.add(code);
        }
    }
}
