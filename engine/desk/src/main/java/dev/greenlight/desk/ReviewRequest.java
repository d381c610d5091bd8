package dev.greenlight.desk;

import dev.greenlight.model.Verdict;
import java.util.List;

/**
 * A reviewer's decision on a claimed case (docs/contract.md §7).
 *
 * @param verdict       APPROVE or REJECT (close the case), or ESCALATE (to the lead queue; the case stays open)
 * @param policy        a policy id of the loaded pack's catalogue the verdict rests on (required)
 * @param artistMessage what the artist reads, in plain words: required for REJECT, at most 2,000 characters
 * @param note          internal, never shown to the artist; at most 20,000 characters; may be null
 * @param version       the case's version the reviewer saw; a stale one is refused (409)
 * @param conditions    condition ids (docs/contract.md §8); must be empty until conditional approval lands
 */
public record ReviewRequest(Verdict verdict, String policy, String artistMessage, String note, long version,
                            List<String> conditions) {
    public ReviewRequest {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A request without conditions. */
    public ReviewRequest(Verdict verdict, String policy, String artistMessage, String note, long version) {
        this(verdict, policy, artistMessage, note, version, List.of());
    }
}
