package dev.greenlight.cli;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.util.stream.Collectors;
import picocli.CommandLine.Help.Ansi;

/**
 * One line per decision, for people: the verdict, the submission id, and the messages of the
 * reasons that carried the verdict (a REJECT shows why it was rejected, not the approvals it
 * outweighed), each with its policy id. A conditional approval shows each condition's message, so
 * the line says what the artist must do.
 */
final class DecisionText {
    private final Ansi ansi;

    DecisionText(Ansi ansi) {
        this.ansi = ansi;
    }

    String format(Decision d) {
        String reasons = d.reasons().stream()
                .filter(r -> r.verdict() == d.verdict())
                .map(DecisionText::reason)
                .collect(Collectors.joining(" | "));
        // a conditional approval's name is longer than the others': the column stays as wide for them
        String verdict = String.format("%-8s", d.verdict().name());
        return ansi.string("@|bold," + colour(d.verdict()) + " " + verdict + "|@") + " " + d.submissionId() + "  " + reasons;
    }

    private static String reason(Reason r) {
        return r.message() + (r.policy() == null ? "" : " [" + r.policy() + "]");
    }

    private static String colour(Verdict v) {
        return switch (v) {
            case APPROVE -> "green";
            case APPROVE_WITH_CONDITIONS -> "cyan";
            case ESCALATE -> "yellow";
            case REJECT -> "red";
        };
    }
}
