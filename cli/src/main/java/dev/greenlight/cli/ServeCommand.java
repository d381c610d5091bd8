package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.ShipTarget;
import dev.greenlight.server.GreenlightServer;
import dev.greenlight.ship.kafka.KafkaShipTarget;
import dev.greenlight.ship.postgres.BodyStorage;
import dev.greenlight.ship.postgres.PgSettings;
import dev.greenlight.ship.postgres.PgShipTarget;
import dev.greenlight.ship.postgres.desk.PgCaseStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenlight serve}: the engine as an HTTP JSON service until stopped (SIGTERM or Ctrl-C),
 * then a graceful shutdown: requests in flight finish, the audit log is flushed and closed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serves decisions over HTTP (JSON) until stopped.",
        description = {"Serves decisions over HTTP (JSON): POST /v1/decisions, POST /v1/reviews, GET /v1/ruleset,",
            "POST /v1/ruleset/reload, GET /health/live, GET /health/ready, GET /metrics, GET /openapi.json.",
            "PUT /v1/media/<sha256> (uploads, with --media-root). With --users, also the artists' status pages",
            "(/status/<token>) and appeals; with --callback-url, final verdicts POSTed to the integrator.",
            "With --users FILE, the review desk too: /v1/cases..., GET /v1/decisions/{id}, GET /v1/queues, for reviewers",
            "with their own API tokens (docs/contract.md section 7).",
            "Binds 127.0.0.1 unless --host says otherwise. Stops gracefully on SIGTERM / Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = GreenlightServer.DEFAULT_HOST,
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + GreenlightServer.DEFAULT_PORT, description = "Port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--audit", paramLabel = "FILE", description = "Record every decision in this audit log (strongly advised).")
    Path audit;

    @Mixin
    AuditLogOptions auditOptions;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' on /v1/** and /metrics; the token is this file's first line, "
                    + "at least 32 characters (e.g. openssl rand -hex 16).")
    Path tokenFile;

    @Option(names = "--media-root", paramLabel = "DIR",
            description = {"Directory that submissions' media paths resolve against; uploads (PUT /v1/media/<sha256>) are "
                    + "kept in its uploads/ folder. Without it, media files cannot be read and uploads are refused."})
    Path mediaRoot;

    @Option(names = "--max-upload", paramLabel = "BYTES", defaultValue = "" + GreenlightServer.DEFAULT_MAX_UPLOAD_BYTES,
            description = "Largest upload. Default: ${DEFAULT-VALUE}.")
    long maxUpload;

    @Option(names = "--upload-retention", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "How long an upload is kept after its last upload (ISO-8601, e.g. PT24H, PT30M). Default: ${DEFAULT-VALUE}.")
    Duration uploadRetention;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + GreenlightServer.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Most open connections from one client address; 0: no limit. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress;

    @Option(names = "--sink-lag-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "Readiness turns DOWN when a plugin's decision sink lags behind the audit log longer. Default: ${DEFAULT-VALUE}.")
    long sinkLagSeconds;

    @Option(names = "--ship-db", paramLabel = "JDBC-URL",
            description = "Ship the audit log to this PostgreSQL database (jdbc:postgresql://HOST:5432/DB); user and password "
                    + "from --ship-db-user / --ship-db-password-file or $GREENLIGHT_DB_USER / $GREENLIGHT_DB_PASSWORD. Needs --audit.")
    String shipDb;

    @Option(names = "--ship-db-user", paramLabel = "USER", description = "With --ship-db: the database user.")
    String shipDbUser;

    @Option(names = "--ship-db-password-file", paramLabel = "FILE", description = "With --ship-db: a file holding the password.")
    Path shipDbPasswordFile;

    @Option(names = "--ship-db-body", paramLabel = "stored|view", defaultValue = "view",
            description = "With --ship-db: 'view' (default) leaves each record's jsonb to the view greenlight_records_json, "
                    + "which makes it from the line when queried; 'stored' stores it as the record ships (about twice "
                    + "PostgreSQL's CPU a record, more disk; queries read it ready-made). Default: ${DEFAULT-VALUE}.")
    String shipDbBody;

    @Option(names = "--ship-kafka", paramLabel = "BOOTSTRAP",
            description = "Publish the audit log's records to Kafka (host:port[,host:port]), topic --ship-topic. Needs --audit.")
    String shipKafka;

    @Option(names = "--ship-topic", paramLabel = "TOPIC", defaultValue = "greenlight-audit",
            description = "With --ship-kafka: the topic. Default: ${DEFAULT-VALUE}.")
    String shipTopic;

    @Option(names = "--ship-node", paramLabel = "NAME",
            description = "This node's name beside its log in PostgreSQL. Default: the host name.")
    String shipNode;

    @Option(names = "--ship-batch", paramLabel = "N", defaultValue = "500",
            description = "Most records shipped in one batch (one transaction, one Kafka flush). Default: ${DEFAULT-VALUE}.")
    int shipBatch;

    @Option(names = "--desk-db", paramLabel = "JDBC-URL",
            description = "Keep the review desk's cases in this PostgreSQL database, shared by every serve node pointed at it "
                    + "(docs/scale-out.md): reviewers on any node share one queue. Needs --users and --ship-db (the review "
                    + "records are checked across chains there). User and password from --desk-db-user / "
                    + "--desk-db-password-file, else --ship-db-user / --ship-db-password-file, else $GREENLIGHT_DB_USER / "
                    + "$GREENLIGHT_DB_PASSWORD.")
    String deskDb;

    @Option(names = "--desk-db-user", paramLabel = "USER", description = "With --desk-db: the database user.")
    String deskDbUser;

    @Option(names = "--desk-db-password-file", paramLabel = "FILE", description = "With --desk-db: a file holding the password.")
    Path deskDbPasswordFile;

    @Option(names = "--desk-db-pool", paramLabel = "N", defaultValue = "16",
            description = "With --desk-db: most connections to it (each claim, decision or read of the desk holds one). "
                    + "Default: ${DEFAULT-VALUE}.")
    int deskDbPool;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + GreenlightServer.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body (a batch). Default: ${DEFAULT-VALUE}.")
    long maxBody;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "" + GreenlightServer.DEFAULT_MAX_BATCH_ITEMS,
            description = "Most submissions in one batch. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "" + GreenlightServer.DEFAULT_RATE_PER_SECOND,
            description = "Requests per second accepted on /v1/** across all clients; 0: no limit. Default: ${DEFAULT-VALUE}.")
    int rateLimit;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + GreenlightServer.DEFAULT_MAX_THREADS, description = "Most decision threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long shutdown waits for requests in flight. Default: ${DEFAULT-VALUE}.")
    long drainSeconds;

    @Option(names = "--watch", paramLabel = "MILLIS", arity = "0..1", fallbackValue = "500",
            description = "Reload the rules when the --rules directory changes, once quiet this long (default 500 ms).")
    Long watchMillis;

    @Option(names = "--require-tests", description = "Refuse rules (at start and on reload) whose policy test cases fail.")
    boolean requireTests;

    @Option(names = "--shadow", paramLabel = "DIR",
            description = "Also decide with the rules in DIR, recording their verdict beside the live one; never enforced.")
    Path shadow;

    @Option(names = "--users", paramLabel = "FILE",
            description = {"The users file: reviewers, leads and auditors, with their password hashes and API tokens "
                    + "(written by greenlight users add). Turns the review desk on (needs --audit)."})
    Path usersFile;

    @Option(names = "--desk-config", paramLabel = "FILE",
            description = "The review desk's settings (YAML: lease, priority per policy area, due times per queue and area). "
                    + "Default: a lease of 10 minutes and the documented priorities and due times.")
    Path deskConfigFile;

    @Option(names = "--desk", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve the review desk when --users is given (default); --no-desk serves decisions only.")
    boolean deskOn;

    @Mixin
    ArtistOptions artists;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String token = null;
        if (tokenFile != null) {
            java.util.List<String> lines;
            try {
                lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("greenlight: cannot read the token file " + tokenFile + ": " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            token = lines.isEmpty() ? "" : lines.get(0).strip();
            if (token.isEmpty()) {
                err.println("greenlight: the token file " + tokenFile + (lines.stream().allMatch(String::isBlank) ? " is empty"
                        : "'s first line is blank; the token must be on the first line"));
                return ExitCodes.CONFIG;
            }
        }
        if (watchMillis != null && engine.rules == null) {
            err.println("greenlight: --watch needs --rules DIR");
            return ExitCodes.CONFIG;
        }
        DeskSetup desk;
        try {
            desk = DeskSetup.read(usersFile, deskConfigFile, deskOn, audit != null);
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if ((shipDb != null || shipKafka != null) && audit == null) {
            err.println("greenlight: --ship-db and --ship-kafka ship the audit log: they need --audit FILE");
            return ExitCodes.CONFIG;
        }
        if (shipBatch < 1) {
            err.println("greenlight: --ship-batch must be at least 1, was " + shipBatch);
            return ExitCodes.CONFIG;
        }
        BodyStorage body;
        try {
            body = BodyStorage.parse(shipDbBody);
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        PgSettings deskDbSettings = null;
        if (deskDb != null) {
            if (desk.accounts() == null) {
                err.println("greenlight: --desk-db keeps the review desk's cases: it needs the desk on (--users FILE)");
                return ExitCodes.CONFIG;
            }
            if (shipDb == null) {
                err.println("greenlight: --desk-db needs --ship-db: a case decided on one node may link to a decision in "
                        + "another node's log, and those links are checked across the shipped chains (audit verify --db)");
                return ExitCodes.CONFIG;
            }
            if (deskDbPool < 1) {
                err.println("greenlight: --desk-db-pool must be at least 1, was " + deskDbPool);
                return ExitCodes.CONFIG;
            }
            try {
                Path pwFile = deskDbPasswordFile != null ? deskDbPasswordFile : deskDbUser == null ? shipDbPasswordFile : null;
                String password = pwFile == null ? null
                        : Files.readString(pwFile, java.nio.charset.StandardCharsets.UTF_8).strip();
                deskDbSettings = PgSettings.fromEnvironment(deskDb, deskDbUser != null ? deskDbUser : shipDbUser, password,
                        System.getenv());
            } catch (IOException | IllegalArgumentException e) {
                err.println("greenlight: --desk-db: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
        }
        List<ShipTarget> targets = new ArrayList<>();
        try {
            if (shipDb != null) {
                String password = shipDbPasswordFile == null ? null
                        : Files.readString(shipDbPasswordFile, java.nio.charset.StandardCharsets.UTF_8).strip();
                targets.add(new PgShipTarget(PgSettings.fromEnvironment(shipDb, shipDbUser, password, System.getenv()),
                        shipNode != null ? shipNode : hostName(), body));
            }
            if (shipKafka != null) {
                targets.add(new KafkaShipTarget(shipKafka, shipTopic, Map.of()));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("greenlight: --ship-db: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        PrometheusMeterRegistry registry = GreenlightServer.newRegistry();
        GreenlightBuilder b = engine.builder().meterRegistry(registry).requirePolicyTests(requireTests);
        if (audit != null) {
            try {
                b.auditLog(auditOptions.config(audit));
            } catch (RuntimeException e) {
                return EngineFailures.report(e, err);
            }
        } else {
            err.println("greenlight: warning: no --audit FILE: decisions are not recorded");
        }
        if (mediaRoot != null) {
            if (!Files.isDirectory(mediaRoot)) {
                err.println("greenlight: --media-root " + mediaRoot + " is not a directory");
                return ExitCodes.CONFIG;
            }
            b.mediaRoot(mediaRoot.toAbsolutePath());
        }
        if (watchMillis != null) {
            b.watchRules(Duration.ofMillis(Math.max(1, watchMillis)));
        }
        if (shadow != null) {
            b.shadowRules(shadow);
        }
        Greenlight greenlight;
        try {
            greenlight = b.build();
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        }
        dev.greenlight.desk.ReviewDesk reviewDesk;
        PgCaseStore deskStore = null;
        try {
            if (deskDbSettings != null) {
                deskStore = PgCaseStore.open(deskDbSettings, deskDbPool);
            }
            reviewDesk = desk.open(greenlight, deskStore);
        } catch (RuntimeException e) {
            if (deskStore != null) {
                deskStore.close();
            }
            greenlight.close();
            err.println("greenlight: the review desk cannot open: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        PgCaseStore sharedCases = deskStore;
        // the shippers only read the log's durable records: they never delay or change a decision
        List<AuditShipper> shippers = new ArrayList<>();
        for (ShipTarget t : targets) {
            shippers.add(AuditShipper.start(audit, t, shipBatch));
        }
        GreenlightServer server;
        try {
            GreenlightServer.Builder sb = GreenlightServer.builder(greenlight).host(host).port(port).token(token).maxBodyBytes(maxBody)
                    .desk(reviewDesk).accounts(desk.accounts())
                    .maxBatchItems(maxBatch).ratePerSecond(rateLimit).maxThreads(threads)
                    .drainTimeout(Duration.ofSeconds(drainSeconds)).maxUploadBytes(maxUpload).uploadRetention(uploadRetention)
                    .maxConnectionsPerAddress(maxConnectionsPerAddress).sinkLagLimit(Duration.ofSeconds(sinkLagSeconds))
                    .meterRegistry(registry);
            shippers.forEach(s -> sb.shipper(s.name(), s::lag));
            artists.apply(sb, audit, reviewDesk != null);
            server = sb.build().start();
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // cannot bind; an option out of range; the callbacks' cursor cannot be made
            shippers.forEach(AuditShipper::close);
            if (reviewDesk != null) {
                reviewDesk.close();
            }
            if (sharedCases != null) {
                sharedCases.close();
            }
            greenlight.close();
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        Thread hook = new Thread(() -> {
            // SIGTERM and Ctrl-C land here; the server logs each step of the graceful shutdown
            err.println("greenlight serve: shutting down (signal received)");
            err.flush();
            server.close();
            if (sharedCases != null) {
                sharedCases.close(); // after the server: no desk request is left to use it
            }
            stopShippers(shippers);
        }, "greenlight-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("greenlight serve: listening on " + server.uri() + " (rules " + greenlight.ruleset().version()
                + (audit == null ? ", no audit log" : ", audit " + audit) + (reviewDesk == null ? "" : sharedCases != null ? ", review desk on, shared in " + deskDbSettings : ", review desk on") + ")");
        out.flush();
        server.join();
        return ExitCodes.OK;
    }

    /** Lets each shipper send what the closed log holds last (its final checkpoint), briefly, then stops it. */
    private static void stopShippers(List<AuditShipper> shippers) {
        for (AuditShipper s : shippers) {
            try {
                s.awaitCaughtUp(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.close(); // whatever is left is shipped after the next start, from the cursor
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
