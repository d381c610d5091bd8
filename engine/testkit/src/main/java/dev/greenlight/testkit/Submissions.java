package dev.greenlight.testkit;

import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Valid submissions for tests, to vary: as a {@link Submission.Builder} (one image, a verified
 * early-access artist, portfolio use, provenance present) or as the JSON a client sends (one image,
 * a verified artist). Stateless and thread-safe; no argument may be null ({@link NullPointerException}).
 */
public final class Submissions {
    /** When every submission here was made, so that decisions about them are reproducible. */
    public static final Instant SUBMITTED_AT = Instant.parse("2026-11-01T09:00:00Z");

    private Submissions() {
    }

    /** A valid submission with this id: vary it with the builder's setters, then {@code build()}. */
    public static Submission.Builder base(String id) {
        return Submission.builder(Objects.requireNonNull(id, "id"))
                .submittedAt(SUBMITTED_AT)
                .submitter(new Submitter("artist-1", "early-access", true, List.of()))
                .prompt("a paper boat on a calm lake at dawn")
                .intendedUse("portfolio")
                .addMedia(Media.builder("image").mimeType("image/png").width(1024).height(1024).build())
                .provenance(new Provenance(true, true));
    }

    /** {@link #base} by a verified submitter of {@code program}, for {@code use}. */
    public static Submission.Builder of(String id, String program, String use) {
        return base(id).submitter(new Submitter("artist-1", Objects.requireNonNull(program, "program"), true, List.of()))
                .intendedUse(Objects.requireNonNull(use, "use"));
    }

    /**
     * The smallest valid submission document for {@code use}: id, time, a verified submitter, the
     * use and one 1024×1024 image, on one line. Ids and uses are written as given (no escaping).
     */
    public static String json(String id, String use) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(use, "use");
        return "{\"id\":\"" + id + "\",\"submittedAt\":\"" + SUBMITTED_AT + "\",\"submitter\":{\"id\":\"a-1\",\"verified\":true},"
                + "\"intendedUse\":\"" + use + "\",\"media\":[{\"type\":\"image\",\"width\":1024,\"height\":1024}]}";
    }
}
