package dev.greenlight.ship.postgres.desk;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.spi.CaseOrigin;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.ship.postgres.PgSchema;
import dev.greenlight.ship.postgres.PgSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The review desk's cases in PostgreSQL (table {@code desk_case}, migration
 * {@code V2__desk_cases.sql}), shared by every {@code serve} node pointed at the database: the
 * {@link CaseStore} contract held across processes by row locks.
 * <ul>
 *   <li>{@link #claimNext}: one transaction reads the front of the queue with
 *       {@code FOR UPDATE SKIP LOCKED} (a page of candidates; rows another node holds are passed
 *       over, never waited for), tests {@code eligible} on each in queue order, and claims the first
 *       it accepts; when a page has none, the next page follows ({@code ClaimScan}).</li>
 *   <li>{@link #update}: the row is locked with {@code FOR UPDATE} (waiting for a claim or another
 *       update of it), the desk's change runs inside the transaction (it writes the audit record),
 *       its result is written and committed; a change that throws rolls everything back.</li>
 *   <li>A lapsed lease is not rewritten when it lapses: every read computes it (the row reads as open,
 *       its version one higher), and the next claim or update writes it.</li>
 * </ul>
 * Transactions run at READ COMMITTED: every change is made under the row lock of the case it
 * changes, and PostgreSQL re-reads a locked row's latest version before the statement goes on, so
 * no claim or update is lost or doubled; a stricter level would only add retries. Reads are of
 * committed data: while an update of a case runs elsewhere, the case reads as it was before it.
 *
 * <p>Instants are kept to the nanosecond. An undecided case that carries a final verdict (the desk
 * never makes one) is refused by the table. Database errors are {@link CaseStoreException}s naming the
 * operation and the case or queue. Thread-safe; {@link #close} closes the pool when this store made it.
 */
public final class PgCaseStore implements CaseStore, AutoCloseable {
    /** Undecided; final_verdict IS NULL matches the partial indexes' predicate (the migration says why). */
    private static final String UNDECIDED = "final_verdict IS NULL AND state <> 'CLOSED'";
    private static final String ORDER = " ORDER BY priority DESC, opened_at, case_id";
    private static final String INSERT = "INSERT INTO desk_case (" + CaseRows.COLUMNS + ", " + CaseRows.ORIGIN_COLUMNS
            + ") VALUES (" + "?, ".repeat(CaseRows.WIDTH + 3) + "?) ON CONFLICT (case_id) DO NOTHING";
    private static final String WRITE = "UPDATE desk_case SET (" + CaseRows.COLUMNS + ") = (" + "?, ".repeat(CaseRows.WIDTH - 1)
            + "?) WHERE case_id = ?";
    private static final String WRITE_ORIGIN = "UPDATE desk_case SET (" + CaseRows.ORIGIN_COLUMNS + ") = (?, ?, ?, ?) WHERE case_id = ?";
    private static final String BY_ID = "SELECT " + CaseRows.COLUMNS + " FROM desk_case WHERE case_id = ?";

    private final Transactions tx;
    private final HikariDataSource ownPool;

    /**
     * A store on {@code pool}, whose database has the schema already ({@link PgSchema#migrate}). The
     * caller keeps and closes the pool. Its connections should not be shared with work that leaves
     * transactions open.
     */
    public PgCaseStore(DataSource pool) {
        this(pool, null);
    }

    private PgCaseStore(DataSource pool, HikariDataSource ownPool) {
        this.tx = new Transactions(Objects.requireNonNull(pool, "pool"));
        this.ownPool = ownPool;
    }

    /**
     * Brings the schema of {@code db} up to date and opens a store with its own pool of at most
     * {@code poolSize} connections (closed by {@link #close}). Size it above the number of requests a
     * node serves at once that touch the desk: each claim, update or read holds one connection, an
     * update for as long as the desk's change runs (its audit record's write included), and a change
     * that reads the store takes a second one meanwhile. A request that finds no free connection
     * within 5 seconds fails with a {@link CaseStoreException}.
     *
     * @throws CaseStoreException when the database cannot be reached or migrated
     */
    public static PgCaseStore open(PgSettings db, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be 1 or more, was " + poolSize);
        }
        try {
            PgSchema.migrate(db);
        } catch (RuntimeException e) {
            throw new CaseStoreException("the desk's database " + db + ": cannot bring its schema up to date: " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("greenlight-desk");
        config.setJdbcUrl(db.url());
        if (db.user() != null) {
            config.setUsername(db.user());
        }
        if (db.password() != null) {
            config.setPassword(db.password());
        }
        config.addDataSourceProperty("ApplicationName", "greenlight-desk");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(poolSize, 2));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // a request of the desk should fail within seconds when the database is gone, not hang
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new PgCaseStore(pool, pool);
        } catch (RuntimeException e) {
            throw new CaseStoreException("the desk's database " + db + ": cannot open a connection pool: " + e.getMessage(), e);
        }
    }

    // ---- insert -----------------------------------------------------------------------------------

    @Override
    public void insert(Case c) {
        if (!insertIfAbsent(c, null)) {
            throw new IllegalStateException("case " + c.caseId() + " exists already");
        }
    }

    @Override
    public boolean insertIfAbsent(Case c) {
        return insertIfAbsent(c, null);
    }

    @Override
    public boolean insertIfAbsent(Case c, CaseOrigin origin) {
        return tx.run("insert of case " + c.caseId(), conn -> {
            try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
                CaseRows.bind(ps, 1, c);
                CaseRows.bindOrigin(ps, CaseRows.WIDTH + 1, origin);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<CaseOrigin> origin(String caseId) {
        return tx.run("reading the origin of case " + caseId, conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + CaseRows.ORIGIN_COLUMNS
                    + " FROM desk_case WHERE case_id = ?")) {
                ps.setString(1, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(CaseRows.readOrigin(rs, 1, caseId)) : Optional.empty();
                }
            }
        });
    }

    // ---- reads ------------------------------------------------------------------------------------

    @Override
    public Optional<Case> get(String caseId, Instant now) {
        return first(rowsWhere("reading case " + caseId, BY_ID, caseId, now));
    }

    @Override
    public Optional<Case> undecidedBySubmission(String submissionId, Instant now) {
        // review cases only (c-…): an appeal case is never joined by a new decision
        return first(rowsWhere("finding the undecided case of submission " + submissionId, "SELECT " + CaseRows.COLUMNS
                + " FROM desk_case WHERE submission_id = ? AND " + UNDECIDED + " AND case_id LIKE 'c-%'"
                + " ORDER BY opened_at, case_id LIMIT 1", submissionId, now));
    }

    /**
     * Rows of one submission, closed ones too, through {@code desk_case_submission}: a shared desk's
     * rebuild (or a retry) asks this for a decision of its log that no case stands for now, which a
     * later decision superseded.
     */
    @Override
    public List<Case> bySubmission(String submissionId, Instant now) {
        return rowsWhere("finding the cases of submission " + submissionId, "SELECT " + CaseRows.COLUMNS
                + " FROM desk_case WHERE submission_id = ? ORDER BY case_id", submissionId, now);
    }

    /** Through the decision index (a rebuild asks this for each ESCALATE decision the store does not hold under its id). */
    @Override
    public Optional<Case> byDecision(String decisionId, Instant now) {
        return first(rowsWhere("finding the case of decision " + decisionId, "SELECT " + CaseRows.COLUMNS
                + " FROM desk_case WHERE decision_id = ? ORDER BY case_id LIMIT 1", decisionId, now));
    }

    @Override
    public List<Case> list(Queue queue, CaseState state, int offset, int limit, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        String which = state == null ? ""
                : switch (state) {
                    // final_verdict IS NULL (true of every undecided row) lets these read the claim index in order
                    case OPEN -> " AND final_verdict IS NULL AND (state = 'OPEN' OR (state = 'CLAIMED' AND lease_until <= ?))";
                    case CLAIMED -> " AND final_verdict IS NULL AND state = 'CLAIMED' AND lease_until > ?";
                    case CLOSED -> " AND state = 'CLOSED'";
                };
        return tx.run("listing queue " + queue.id(), conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + CaseRows.COLUMNS + " FROM desk_case WHERE queue = ?"
                    + which + ORDER + " OFFSET ? LIMIT ?")) {
                int i = 1;
                ps.setString(i++, queue.name());
                if (state == CaseState.OPEN || state == CaseState.CLAIMED) {
                    ps.setLong(i++, CaseRows.nanos(now));
                }
                ps.setInt(i++, Math.max(offset, 0));
                ps.setInt(i, limit);
                return many(ps, now);
            }
        });
    }

    @Override
    public List<QueueStats> stats(Instant now) {
        return tx.run("counting the queues", conn -> {
            Map<Queue, QueueStats> byQueue = new EnumMap<>(Queue.class);
            try (PreparedStatement ps = conn.prepareStatement("SELECT queue,"
                    + " count(*) FILTER (WHERE state = 'OPEN' OR lease_until <= ?),"
                    + " count(*) FILTER (WHERE state = 'CLAIMED' AND lease_until > ?),"
                    + " min(opened_at), count(*) FILTER (WHERE due_at < ?)"
                    + " FROM desk_case WHERE " + UNDECIDED + " GROUP BY queue")) {
                long at = CaseRows.nanos(now);
                ps.setLong(1, at);
                ps.setLong(2, at);
                ps.setLong(3, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Queue q = Queue.valueOf(rs.getString(1));
                        Instant oldest = CaseRows.instant(rs.getLong(4));
                        Duration age = oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                        byQueue.put(q, new QueueStats(q, rs.getInt(2), rs.getInt(3), age, rs.getInt(5)));
                    }
                }
            }
            List<QueueStats> out = new ArrayList<>();
            for (Queue q : Queue.values()) {
                out.add(byQueue.getOrDefault(q, new QueueStats(q, 0, 0, Duration.ZERO, 0)));
            }
            return out;
        });
    }

    @Override
    public List<Case> all(Instant now) {
        return tx.run("reading every case", conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + CaseRows.COLUMNS + " FROM desk_case ORDER BY case_id")) {
                ps.setFetchSize(10_000); // a cursor, not every row in memory twice
                return many(ps, now);
            }
        });
    }

    // ---- claims and updates -----------------------------------------------------------------------

    @Override
    public Optional<Case> claimNext(Queue queue, String account, Instant now, Instant leaseUntil, Predicate<Case> eligible) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(eligible, "eligible");
        return tx.run("claim-next in queue " + queue.id() + " for " + account,
                conn -> ClaimScan.claim(conn, queue, account, now, leaseUntil, eligible));
    }

    @Override
    public Case update(String caseId, Instant now, Change change) {
        return update(caseId, now, null, change);
    }

    @Override
    public Case update(String caseId, Instant now, CaseOrigin origin, Change change) {
        Objects.requireNonNull(change, "change");
        return tx.run("update of case " + caseId, conn -> {
            Case stored;
            // not SKIP LOCKED: an update waits for the claim or update holding the case
            try (PreparedStatement ps = conn.prepareStatement(BY_ID + " FOR UPDATE")) {
                ps.setString(1, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no case " + caseId);
                    }
                    stored = CaseRows.read(rs);
                }
            }
            Case next = change.apply(CaseRows.asOf(stored, now));
            if (next == null) {
                throw new IllegalStateException("an update of case " + caseId + " returned no case");
            }
            if (!next.caseId().equals(caseId)) {
                throw new IllegalStateException("an update of case " + caseId + " returned case " + next.caseId());
            }
            if (!next.equals(stored)) {
                try (PreparedStatement ps = conn.prepareStatement(WRITE)) {
                    CaseRows.bind(ps, 1, next);
                    ps.setString(CaseRows.WIDTH + 1, caseId);
                    ps.executeUpdate();
                }
            }
            if (origin != null) {
                try (PreparedStatement ps = conn.prepareStatement(WRITE_ORIGIN)) {
                    CaseRows.bindOrigin(ps, 1, origin);
                    ps.setString(5, caseId);
                    ps.executeUpdate();
                }
            }
            return next;
        });
    }

    /** Closes the pool {@link #open} made; a store on a caller's pool leaves it open. */
    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }

    // ---- rows -------------------------------------------------------------------------------------

    /** The cases a query with one text parameter finds, in its order; {@code what} names it in errors. */
    private List<Case> rowsWhere(String what, String sql, String param, Instant now) {
        return tx.run(what, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, param);
                return many(ps, now);
            }
        });
    }

    private static Optional<Case> first(List<Case> cases) {
        return cases.isEmpty() ? Optional.empty() : Optional.of(cases.get(0));
    }

    private static List<Case> many(PreparedStatement ps, Instant now) throws SQLException {
        List<Case> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(CaseRows.asOf(CaseRows.read(rs), now));
            }
        }
        return out;
    }
}
