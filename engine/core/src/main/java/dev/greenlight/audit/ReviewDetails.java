package dev.greenlight.audit;

import java.util.List;

/**
 * What the review desk adds to a review record (docs/contract.md §7): the case it closed or moved,
 * the queue it was decided in, the policy id it was decided under, the message for the artist and
 * the ids of the conditions set. Each member is written only when present, so a review without
 * details is byte for byte the record earlier releases wrote. Immutable.
 *
 * @param caseId        the desk's case, or null
 * @param queue         the queue the case was decided in ({@code review}, {@code lead}, {@code appeal}), or null
 * @param policy        the policy id of the loaded pack the verdict rests on, or null
 * @param artistMessage what the artist reads, in plain words, or null
 * @param conditions    condition ids (docs/contract.md §8); empty when none
 */
public record ReviewDetails(String caseId, String queue, String policy, String artistMessage, List<String> conditions) {
    /** No details: the review record of earlier releases. */
    public static final ReviewDetails NONE = new ReviewDetails(null, null, null, null, List.of());

    public ReviewDetails {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** True when nothing would be written. */
    public boolean isEmpty() {
        return caseId == null && queue == null && policy == null && artistMessage == null && conditions.isEmpty();
    }
}
