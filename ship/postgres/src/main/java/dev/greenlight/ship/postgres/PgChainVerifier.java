package dev.greenlight.ship.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.ChainVerifier;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.audit.VerifyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every log's chain inside PostgreSQL with the audit log's own per-record checks
 * ({@link ChainVerifier}): each stored line's hash recomputed from its bytes, sequence and
 * {@code prev} without gaps (a deleted row is a gap), checkpoints against the chain and, with keys,
 * their signatures; the indexed columns {@code seq} and {@code hash} against the line; and the log's
 * rows against what the shipper recorded storing ({@code shipped_seq}: rows cut from the end); and
 * ({@link #verifyLinks}) each review's link to a decision in another node's chain. Reads
 * each log in sequence order with a cursor, so memory stays bounded. Stateless.
 */
public final class PgChainVerifier {
    private static final int FETCH = 2_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PgChainVerifier() {
    }

    /** What one log's check found. */
    public record LogResult(String logId, String node, VerifyResult result) {
        /** One line for people. */
        public String describe() {
            String name = "log " + logId.substring(0, 16) + "… (node " + node + ")";
            if (result.intact()) {
                return name + ": intact, " + result.records() + " records (" + result.decisions() + " decisions, "
                        + result.reviews() + " reviews) and " + result.checkpoints() + " checkpoints ("
                        + result.signedCheckpoints() + " signed), last seq " + result.lastSeq() + ", head " + result.lastHash();
            }
            return name + ": record seq " + result.badSeq() + ": " + result.problem() + " (" + result.records()
                    + " records before it are intact)";
        }
    }

    /**
     * Checks every log in the database. Saved checkpoints in {@code options} are applied to the log
     * they name only.
     */
    public static List<LogResult> verifyAll(PgSettings db, VerifyOptions options) throws SQLException {
        List<LogResult> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            c.setReadOnly(true);
            List<String[]> logs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT log_id, node, shipped_seq FROM greenlight_logs ORDER BY node, log_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    logs.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
                }
            }
            for (String[] log : logs) {
                out.add(new LogResult(log[0], log[1], verify(c, log[0], Long.parseLong(log[2]), forLog(options, log[0]))));
            }
            c.commit();
        }
        return out;
    }

    /**
     * What the check of links between chains found: reviews written on one node's chain of a decision
     * in another node's chain (a shared review desk; {@code decision.log} in the review), each checked
     * against the linked record: it must be stored, be a decision record, have the hash the review
     * names and the decision id the review names.
     *
     * @param checked  links checked
     * @param problems one line for each link that does not hold, naming the review's log and seq
     */
    public record LinkResult(long checked, List<String> problems) {
        public LinkResult {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }

        /** One line for people. */
        public String describe() {
            return checked + (checked == 1 ? " link" : " links") + " between chains (reviews of decisions in other logs): "
                    + (problems.isEmpty() ? "all hold" : problems.size() + " do not hold");
        }
    }

    /**
     * Checks every review that links to a decision in another log against that log's stored record.
     * The link is read from the review's own bytes ({@code line}, whose hash the chain check
     * recomputes), not from {@code body} (of the view {@code greenlight_records_json}, which makes it from
     * {@code line} where the shipper did not store it); {@code body} only finds the candidates.
     */
    public static LinkResult verifyLinks(PgSettings db) throws SQLException {
        long checked = 0;
        List<String> problems = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT r.log_id, r.seq, r.line, d.log_id, d.seq, d.type, d.hash, d.decision_id"
                            + " FROM greenlight_records_json r LEFT JOIN greenlight_records d"
                            + " ON d.log_id = r.body->'review'->'decision'->>'log'"
                            + " AND d.seq = (r.body->'review'->'decision'->>'seq')::bigint"
                            + " WHERE r.type = 'review' AND (r.body IS NULL OR r.body->'review'->'decision'->>'log' IS NOT NULL)"
                            + " ORDER BY r.log_id, r.seq")) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JsonNode link;
                        JsonNode review;
                        try {
                            review = MAPPER.readTree(rs.getBytes(3)).path("review");
                            link = review.path("decision");
                        } catch (java.io.IOException e) {
                            continue; // not JSON: the chain check reports the row
                        }
                        if (!link.has("log")) {
                            continue; // a link within its own chain (a row whose body jsonb could not hold)
                        }
                        checked++;
                        String where = "log " + rs.getString(1).substring(0, 16) + "… seq " + rs.getLong(2);
                        String log = link.path("log").asText();
                        long seq = link.path("seq").asLong(-1);
                        String hash = link.path("hash").asText();
                        String[] target = rs.getString(4) != null && rs.getString(4).equals(log) && rs.getLong(5) == seq
                                ? new String[] {rs.getString(6), rs.getString(7), rs.getString(8)}
                                : lookUp(c, log, seq);
                        String problem = target == null
                                ? "links to decision record seq " + seq + " of log " + abbrev(log) + ", which is not stored"
                                : !"decision".equals(target[0]) ? "links to seq " + seq + " of log " + abbrev(log)
                                        + ", which is a " + target[0] + " record, not a decision"
                                : !hash.equals(target[1]) ? "links to seq " + seq + " of log " + abbrev(log)
                                        + " with hash " + hash + ", but that record's hash is " + target[1]
                                : !review.path("decisionId").asText().equals(target[2]) ? "names decision "
                                        + review.path("decisionId").asText() + ", but seq " + seq + " of log " + abbrev(log)
                                        + " is decision " + target[2]
                                : null;
                        if (problem != null) {
                            problems.add(where + ": review " + problem);
                        }
                    }
                }
            }
            c.commit();
        }
        return new LinkResult(checked, problems);
    }

    private static String[] lookUp(Connection c, String log, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, hash, decision_id FROM greenlight_records WHERE log_id = ? AND seq = ?")) {
            ps.setString(1, log);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    private static String abbrev(String log) {
        return log.length() > 16 ? log.substring(0, 16) + "…" : log;
    }

    private static VerifyOptions forLog(VerifyOptions options, String logId) {
        return new VerifyOptions(options.keys(), options.checkpoints().stream()
                .filter(s -> s.checkpoint().log().equals(logId)).toList(), false, options.strict(), options.chainOnly());
    }

    private static VerifyResult verify(Connection c, String logId, long shippedSeq, VerifyOptions options) throws SQLException {
        ChainVerifier v = new ChainVerifier(options);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, line FROM greenlight_records WHERE log_id = ? ORDER BY seq")) {
            ps.setFetchSize(FETCH);
            // binary results from the first execution: the lines arrive as bytes, not as hex to decode
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setString(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String hash = rs.getString(2);
                    if (!v.accept(rs.getBytes(3))) {
                        break;
                    }
                    if (seq != v.lastSeq() || !hash.equals(v.lastHash())) {
                        return failed(v, seq, "the row's seq and hash columns (" + seq + ", " + hash
                                + ") do not match its stored record (the row was changed)");
                    }
                }
            }
        }
        if (v.problem() == null && v.lastSeq() < shippedSeq) {
            return failed(v, v.lastSeq() + 1, "the log's rows end at seq " + v.lastSeq() + " but seq " + shippedSeq
                    + " was shipped: rows were deleted from its end");
        }
        if (v.problem() == null && v.logId() != null && !v.logId().equals(logId)) {
            return failed(v, 1, "record 1 has hash " + v.logId() + ", not the log id its rows are stored under");
        }
        return v.finish();
    }

    private static VerifyResult failed(ChainVerifier v, long seq, String problem) {
        VerifyResult r = v.finish();
        return new VerifyResult(false, r.records(), r.decisions(), r.reviews(), r.checkpoints(), r.signedCheckpoints(),
                r.lastSeq(), r.lastHash(), 0, null, seq, 0, seq, problem, false, List.of());
    }
}
