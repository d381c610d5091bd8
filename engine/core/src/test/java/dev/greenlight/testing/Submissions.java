package dev.greenlight.testing;

import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.time.Instant;

/** Submissions for tests: a valid base to vary with {@code toBuilder()}. */
public final class Submissions {
    private Submissions() {
    }

    public static Submission.Builder base(String id) {
        return Submission.builder(id)
                .submittedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .submitter(new Submitter("artist-1", "early-access", true, java.util.List.of()))
                .prompt("a paper boat on a calm lake at dawn")
                .intendedUse("portfolio")
                .addMedia(Media.builder("image").mimeType("image/png").width(1024).height(1024).build())
                .provenance(new Provenance(true, true));
    }
}
