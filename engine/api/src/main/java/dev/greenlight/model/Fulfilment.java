package dev.greenlight.model;

import java.util.Objects;

/**
 * An integrator's report that one condition of a conditional approval is met (docs/contract.md §8):
 * the condition's id and the evidence the pack's vocabulary asks for (a link to the labelled post,
 * the credit line as published, …). Immutable.
 */
public record Fulfilment(String id, String evidence) {
    public Fulfilment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(evidence, "evidence");
    }
}
