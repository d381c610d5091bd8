package dev.greenlight.desk;

import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One chained record of a decision's history, oldest first: the decision itself, each review, each
 * appeal.
 *
 * @param seq           the record's sequence number in the audit log
 * @param type          {@code decision}, {@code review} or {@code appeal}
 * @param at            when it was decided, reviewed or appealed
 * @param verdict       the engine's or the reviewer's verdict; null for an appeal
 * @param queue         the queue a review was decided in (an appeal: {@link Queue#APPEAL}); null for the decision
 *                      and for reviews recorded without the desk
 * @param actor         the reviewer's account name; null for the rules and for the artist
 * @param policy        the policy id a review rests on; null when none
 * @param artistMessage a review's message for the artist, or the artist's own words in an appeal; null when none
 * @param note          a review's internal note (never shown to the artist); null when none
 * @param conditions    condition ids a review set (docs/contract.md §8); empty when none
 */
public record HistoryEntry(long seq, String type, Instant at, Verdict verdict, Queue queue, String actor, String policy,
                           String artistMessage, String note, List<String> conditions) {
    public HistoryEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
