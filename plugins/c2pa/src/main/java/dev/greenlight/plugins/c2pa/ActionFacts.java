package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions of a manifest ({@code c2pa.actions}, {@code c2pa.actions.v2}) and the IPTC digital
 * source types they declare. Immutable.
 *
 * @param actions     each action's {@code action}, in order
 * @param sourceTypes distinct standard {@code digitalSourceType} values, trimmed (a writer put a
 *                    leading space in one fixture; the IPTC URIs have none)
 * @param vendorTypes distinct values of vendor parameters whose key ends in {@code digitalSourceType}
 *                    (e.g. {@code com.adobe.digitalSourceType}), trimmed
 */
record ActionFacts(List<String> actions, List<String> sourceTypes, List<String> vendorTypes) {

    static ActionFacts of(Manifest m, Claim claim) {
        List<String> actions = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        Set<String> vendor = new LinkedHashSet<>();
        for (JumbfBox box : Assertions.listed(m, claim, "c2pa.actions", "c2pa.actions.v2")) {
            JsonNode content = Assertions.content(box);
            if (content == null) {
                continue;
            }
            for (JsonNode a : content.path("actions")) {
                actions.add(a.path("action").asText(""));
                if (a.path("digitalSourceType").isTextual()) {
                    types.add(a.path("digitalSourceType").asText().trim());
                }
                Iterator<Map.Entry<String, JsonNode>> params = a.path("parameters").fields();
                while (params.hasNext()) {
                    Map.Entry<String, JsonNode> p = params.next();
                    if (p.getKey().endsWith("digitalSourceType") && !p.getKey().equals("digitalSourceType")
                            && p.getValue().isTextual()) {
                        vendor.add(p.getValue().asText().trim());
                    }
                }
            }
        }
        types.remove("");
        vendor.remove("");
        return new ActionFacts(List.copyOf(actions), List.copyOf(types), List.copyOf(vendor));
    }
}
