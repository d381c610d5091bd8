package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One ingredient assertion ({@code c2pa.ingredient}, {@code .v2}, {@code .v3}) of a manifest.
 * Immutable.
 *
 * @param title         the ingredient's title, or empty
 * @param relationship  {@code parentOf}, {@code componentOf}, {@code inputTo}, or empty
 * @param manifest      the hashed URI of the ingredient's manifest in this store, or {@code null}
 * @param recordedCodes failure codes the writer recorded when it added the ingredient
 */
record Ingredient(String title, String relationship, HashedUri manifest, List<String> recordedCodes) {

    static List<Ingredient> of(Manifest m, Claim claim) {
        List<Ingredient> out = new ArrayList<>();
        for (JumbfBox box : Assertions.listed(m, claim, "c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3")) {
            JsonNode c = Assertions.content(box);
            if (c == null) {
                out.add(new Ingredient("", "", null, List.of()));
                continue;
            }
            HashedUri ref = HashedUri.of(c.has("activeManifest") ? c.path("activeManifest") : c.path("c2pa_manifest"));
            Set<String> recorded = new LinkedHashSet<>();
            // v1/v2 record every status in validationStatus; v3 splits them into validationResults
            for (JsonNode s : c.path("validationStatus")) {
                String code = s.path("code").asText("");
                if (Codes.isFailure(code)) {
                    recorded.add(code);
                }
            }
            for (JsonNode s : c.path("validationResults").path("activeManifest").path("failure")) {
                recorded.add(s.path("code").asText(""));
            }
            recorded.remove("");
            String title = c.path("dc:title").asText(c.path("title").asText(""));
            out.add(new Ingredient(title, c.path("relationship").asText(""), ref, List.copyOf(recorded)));
        }
        return out;
    }
}
