package dev.greenlight.server.status;

import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the status page's template shows: the artist's {@link StatusView}, the page's own address
 * (its token), and an error from a refused appeal, with the wording helpers the template uses.
 * Immutable.
 *
 * @param view  the decision as the artist may see it
 * @param token the status token in the page's address
 * @param error why an appeal was refused, or null
 * @param text  the appeal text to show again after a refusal, or ""
 */
public record StatusPage(StatusView view, String token, String error, String text) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** A time as people read it: {@code 6 December 2026 at 14:05 UTC}; "" for null. */
    public static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** The verdict in plain words. */
    public static String verdictWords(Verdict v) {
        if (v == null) {
            return "";
        }
        return switch (v) {
            case APPROVE -> "Approved: you may publish this work";
            case REJECT -> "Not approved: this work cannot be published as it is";
            case ESCALATE -> "Waiting for a reviewer";
            default -> "Approved with conditions: you may publish this work as the conditions say";
        };
    }

    /** A CSS class for the verdict's colour. */
    public static String verdictClass(Verdict v) {
        return v == null ? "pending" : v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The heading: the state the artist most needs to know. */
    public String headline() {
        if (view.appeal().state() == StatusView.AppealState.PENDING) {
            return "Your appeal is with a reviewer";
        }
        if (view.review().state() == StatusView.ReviewState.PENDING) {
            return "A reviewer will look at this";
        }
        return verdictWords(view.finalVerdict());
    }

    /** The address the appeal form posts to. */
    public String appealAction() {
        return "/status/" + token + "/appeal";
    }

    /** The longest appeal, for the form's {@code maxlength}. */
    public int appealMax() {
        return StatusView.APPEAL_MAX_CHARS;
    }
}
