package dev.greenlight.cli;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.Review;
import dev.greenlight.ship.postgres.PgRecords;
import dev.greenlight.ship.postgres.PgSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a reading command's records come from: one log file, or every node's log shipped to
 * PostgreSQL ({@code --db}). Reviews of one decision may sit on several nodes' chains; they are
 * ordered by when they were made, so the last one is the final verdict across chains.
 */
abstract class AuditSource {

    /** The source the options name, or empty after saying on {@code err} what is wrong (exit 2). */
    static Optional<AuditSource> of(Path file, DbOptions db, PrintWriter err) {
        if (file != null && db.given()) {
            err.println("greenlight: give an audit log FILE or --db, not both");
            return Optional.empty();
        }
        if (db.given()) {
            try {
                return Optional.of(new Database(db.settings()));
            } catch (IOException | IllegalArgumentException e) {
                err.println("greenlight: " + e.getMessage());
                return Optional.empty();
            }
        }
        if (file == null) {
            err.println("greenlight: give an audit log FILE (or --db URL)");
            return Optional.empty();
        }
        return AuditLogFile.exists(file, err) ? Optional.of(new LogFile(file)) : Optional.empty();
    }

    /** The log file read, or null when reading a database (the review desk is rebuilt from one file only). */
    abstract Path logFile();

    /** For messages: the file, or the database URL. */
    abstract String name();

    /** Every record (a database: log by log, each in order). */
    abstract void read(Consumer<AuditRecord> each) throws IOException;

    /** The decision record with this id and every record about it after (reviews, appeals, fulfilments), in order. */
    abstract List<AuditRecord> ofDecision(String decisionId) throws IOException;

    /** The decision record with this id, if any. */
    Optional<AuditRecord> decision(String decisionId) throws IOException {
        return ofDecision(decisionId).stream().filter(AuditRecord::isDecision).findFirst();
    }

    /** Texts kept aside by redaction (only a log file has them). */
    abstract Map<String, String> erasableTexts() throws IOException;

    /**
     * The decision records the query's time filter can match, in order: every decision here (a log
     * file with {@code --since}/{@code --until}: only the stretches its index by time names). The
     * caller still applies {@link AuditQuery#matches}.
     */
    void readDecisions(AuditQuery query, Consumer<AuditRecord> each) throws IOException {
        read(rec -> {
            if (rec.isDecision()) {
                each.accept(rec);
            }
        });
    }

    /**
     * True when {@link #readDecisions} reads only part of the source for this query (a log file with
     * a time filter), so that finding the matching decisions' reviews one by one
     * ({@link #reviewsOf}) beats reading every review.
     */
    boolean readsPart(AuditQuery query) {
        return false;
    }

    /** The reviews of these decisions, by decision id, oldest first: here by reading every review. */
    Map<String, List<Review>> reviewsOf(java.util.Collection<String> decisionIds) throws IOException {
        return reviews();
    }

    /** What {@code audit show} lists: the first matching decisions, in order, and the reviews of each. */
    record Listing(List<AuditRecord> decisions, Map<String, List<Review>> reviews) {
    }

    /**
     * The first {@code limit} decisions that match {@code query}, with their reviews, in one read:
     * here of everything, keeping every review (on a database, a decision's reviews may sit on other
     * nodes' chains, before or after it).
     */
    Listing list(AuditQuery query, int limit) throws IOException {
        List<AuditRecord> kept = new ArrayList<>();
        Map<String, List<Review>> reviews = new HashMap<>();
        read(rec -> {
            if (rec.isReview()) {
                reviews.computeIfAbsent(rec.decisionId(), k -> new ArrayList<>()).add(rec.review());
            } else if (kept.size() < limit && query.matches(rec, reviews)) {
                kept.add(rec);
            }
        });
        sortReviews(reviews);
        return new Listing(kept, reviews);
    }

    /** Puts each decision's reviews in the order they were made, when the source does not give them so. */
    void sortReviews(Map<String, List<Review>> reviews) {
    }

    /** Every review, by the id of the decision reviewed, oldest first. */
    Map<String, List<Review>> reviews() throws IOException {
        Map<String, List<Review>> out = new HashMap<>();
        read(rec -> {
            if (rec.isReview()) {
                out.computeIfAbsent(rec.decisionId(), k -> new ArrayList<>()).add(rec.review());
            }
        });
        return out;
    }

    private static final class LogFile extends AuditSource {
        private final Path file;

        LogFile(Path file) {
            this.file = file;
        }

        @Override
        Path logFile() {
            return file;
        }

        @Override
        String name() {
            return file.toString();
        }

        @Override
        void read(Consumer<AuditRecord> each) throws IOException {
            AuditReader.read(file, each);
        }

        @Override
        List<AuditRecord> ofDecision(String decisionId) throws IOException {
            return AuditReader.find(file, decisionId); // through the log's index, not a read of the log
        }

        @Override
        Map<String, String> erasableTexts() throws IOException {
            return AuditReader.erasableTexts(file);
        }

        @Override
        boolean readsPart(AuditQuery query) {
            return query.since != null || query.until != null;
        }

        /** Through the index by decision id, not by reading the log. */
        @Override
        Map<String, List<Review>> reviewsOf(java.util.Collection<String> decisionIds) throws IOException {
            Map<String, List<Review>> reviews = new HashMap<>();
            AuditReader.findAll(file, decisionIds).forEach((id, records) -> records.stream().filter(AuditRecord::isReview)
                    .forEach(r -> reviews.computeIfAbsent(id, k -> new ArrayList<>()).add(r.review())));
            return reviews;
        }

        @Override
        void readDecisions(AuditQuery query, Consumer<AuditRecord> each) throws IOException {
            if (query.since == null && query.until == null) {
                super.readDecisions(query, each);
                return;
            }
            AuditReader.readTimeRange(file, query.since, query.until, rec -> {
                if (rec.isDecision()) {
                    each.accept(rec);
                }
            });
        }

        /**
         * One read: of the stretches the index by time names when the query has a time filter, then
         * the listed decisions' reviews through the index by decision id; else of the whole log,
         * keeping the reviews of the listed decisions only (in one chain a review follows its decision).
         */
        @Override
        Listing list(AuditQuery query, int limit) throws IOException {
            List<AuditRecord> kept = new ArrayList<>();
            Map<String, List<Review>> reviews = new HashMap<>();
            if (query.since != null || query.until != null) {
                readDecisions(query, rec -> {
                    if (kept.size() < limit && query.matches(rec, reviews)) {
                        kept.add(rec);
                    }
                });
                AuditReader.followUps(file, kept).forEach((id, records) -> records.stream().filter(AuditRecord::isReview)
                        .forEach(r -> reviews.computeIfAbsent(id, k -> new ArrayList<>()).add(r.review())));
                return new Listing(kept, reviews);
            }
            java.util.Set<String> keptIds = new java.util.HashSet<>();
            read(rec -> {
                if (rec.isReview()) {
                    if (keptIds.contains(rec.decisionId())) {
                        reviews.computeIfAbsent(rec.decisionId(), k -> new ArrayList<>()).add(rec.review());
                    }
                } else if (kept.size() < limit && query.matches(rec, reviews)) {
                    kept.add(rec);
                    keptIds.add(rec.decisionId());
                }
            });
            return new Listing(kept, reviews);
        }
    }

    private static final class Database extends AuditSource {
        private final PgSettings db;

        Database(PgSettings db) {
            this.db = db;
        }

        @Override
        Path logFile() {
            return null;
        }

        @Override
        String name() {
            return db.toString();
        }

        @Override
        void read(Consumer<AuditRecord> each) throws IOException {
            try {
                PgRecords.readAll(db, each);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        List<AuditRecord> ofDecision(String decisionId) throws IOException {
            List<AuditRecord> found = new ArrayList<>();
            try {
                PgRecords.readDecision(db, decisionId, found::add);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
            return found;
        }

        @Override
        Map<String, String> erasableTexts() {
            return Map.of(); // texts set aside stay on the node; replay sees them as redacted
        }

        @Override
        Map<String, List<Review>> reviews() throws IOException {
            Map<String, List<Review>> out = super.reviews();
            sortReviews(out);
            return out;
        }

        @Override
        void sortReviews(Map<String, List<Review>> reviews) {
            reviews.values().forEach(l -> l.sort(Comparator.comparing(Review::reviewedAt).thenComparingInt(Review::round)));
        }
    }
}
