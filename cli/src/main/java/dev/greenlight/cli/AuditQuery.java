package dev.greenlight.cli;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The filters {@code audit show}, {@code audit stats} and {@code replay} share: time, verdict, rule,
 * submitter. A decision matches when it passes every filter given.
 */
final class AuditQuery {
    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "Decisions made at or after TIME (RFC 3339, or a date YYYY-MM-DD: from its start, UTC).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = UntilConverter.class,
            description = "Decisions made before TIME (RFC 3339, or a date YYYY-MM-DD: to its end, UTC).")
    Instant until;

    @Option(names = "--verdict", paramLabel = "VERDICT", converter = EngineOptions.VerdictConverter.class,
            description = "Decisions the engine gave this verdict (APPROVE, APPROVE_WITH_CONDITIONS, ESCALATE, REJECT).")
    Verdict verdict;

    @Option(names = "--rule", paramLabel = "RULE", description = "Decisions in which this rule (name or policy id) voted.")
    String rule;

    @Option(names = "--submitter", paramLabel = "ID",
            description = "Decisions about this submitter's work (also found when the id was hashed by redaction).")
    String submitter;

    @Option(names = "--unreviewed", description = {"Only decisions still waiting for a human: their case is open",
        "(in the review, lead or appeal queue)."})
    boolean unreviewed;

    /** The desk rebuilt from the log, for --unreviewed; loaded by {@link #prepare}. */
    private ReviewDesk desk;

    /** Reads what the filters need beyond the records themselves (the open cases, for --unreviewed). */
    void prepare(Path log) {
        if (unreviewed && desk == null) {
            desk = ReviewDesk.read(log, PolicyCatalogue.empty(), DeskConfig.defaults());
        }
    }

    /**
     * As {@link #prepare(Path)} for the source a command reads; false after saying on {@code err} why
     * not (exit 2): the desk, and so --unreviewed, is rebuilt from one node's log file, not from --db.
     */
    boolean prepare(AuditSource source, java.io.PrintWriter err) {
        if (unreviewed && source.logFile() == null) {
            err.println("greenlight: --unreviewed rebuilds the review desk from one audit log FILE; it does not work with --db");
            return false;
        }
        if (unreviewed) {
            prepare(source.logFile());
        }
        return true;
    }

    boolean matches(AuditRecord rec, Map<String, List<Review>> reviews) {
        if (!rec.isDecision()) {
            return false;
        }
        if (since != null || until != null) {
            Instant at = rec.decidedAt();
            if (since != null && at.isBefore(since) || until != null && !at.isBefore(until)) {
                return false;
            }
        }
        if (verdict != null && verdict != rec.verdict()) {
            return false;
        }
        if (rule != null && !voted(rec.decision(), rule)) {
            return false;
        }
        if (submitter != null) {
            String id = rec.submitterId();
            if (!id.equals(submitter) && !id.equals("sha256:" + sha256(submitter))) {
                return false;
            }
        }
        if (unreviewed && desk == null) {
            throw new IllegalStateException("--unreviewed needs prepare(log) first");
        }
        return !unreviewed || desk.undecided(rec.decisionId());
    }

    private static boolean voted(Decision decision, String rule) {
        for (Reason r : decision.reasons()) {
            if (rule.equals(r.rule()) || rule.equals(r.policy())) {
                return true;
            }
        }
        return false;
    }

    /** Every review in the log, by the id of the decision reviewed, in log order. */
    static Map<String, List<Review>> reviews(Path log) throws IOException {
        Map<String, List<Review>> out = new HashMap<>();
        AuditReader.read(log, rec -> {
            if (rec.isReview()) {
                out.computeIfAbsent(rec.decisionId(), k -> new ArrayList<>()).add(rec.review());
            }
        });
        return out;
    }

    /** The verdict that stands: the last review's, else the engine's. */
    static Verdict finalVerdict(AuditRecord decision, List<Review> reviews) {
        return reviews == null || reviews.isEmpty() ? decision.verdict() : reviews.get(reviews.size() - 1).verdict();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant parseTime(String text, boolean endOfDay) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new CommandLine.TypeConversionException("not a time (RFC 3339, e.g. 2026-11-25T10:00:00Z) or a date (2026-11-25): " + text);
            }
        }
    }

    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parseTime(value, false);
        }
    }

    static final class UntilConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parseTime(value, true);
        }
    }
}
