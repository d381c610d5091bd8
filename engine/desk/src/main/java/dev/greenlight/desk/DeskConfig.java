package dev.greenlight.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * How the desk hands out and orders work. Defaults (documented in engine/README.md, "Review desk"):
 * a lease of 10 minutes; priority 30 for the area {@code minors}, 20 for {@code self-harm}, 10 for
 * {@code sexual-content}, 0 for every other area; due times (SLA) of 24 hours in the review queue
 * (4 hours for minors and self-harm, 8 for sexual content), 24 hours in the lead queue and 72 hours in
 * the appeal queue; the system clock. Immutable; build with {@link #builder()} or read a file with
 * {@link #load(Path)}.
 */
public final class DeskConfig {
    /** The default lease. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private final Duration lease;
    private final Map<String, Integer> priorities;
    private final Map<Queue, Duration> queueSla;
    private final Map<Queue, Map<String, Duration>> areaSla;
    private final Clock clock;

    private DeskConfig(Builder b) {
        this.lease = b.lease;
        this.priorities = Map.copyOf(b.priorities);
        this.queueSla = new EnumMap<>(b.queueSla);
        Map<Queue, Map<String, Duration>> a = new EnumMap<>(Queue.class);
        b.areaSla.forEach((q, m) -> a.put(q, Map.copyOf(m)));
        this.areaSla = a;
        this.clock = b.clock;
    }

    /** The defaults. */
    public static DeskConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long a claim lasts unless renewed. */
    public Duration lease() {
        return lease;
    }

    /** The priority of cases in {@code area} (0 for an area not configured, and for {@code ""}). */
    public int priority(String area) {
        return priorities.getOrDefault(area, 0);
    }

    /** The areas with a configured priority. */
    public Map<String, Integer> priorities() {
        return priorities;
    }

    /** How long a case of {@code area} may wait in {@code queue} before it is past due. */
    public Duration sla(Queue queue, String area) {
        Duration d = areaSla.getOrDefault(queue, Map.of()).get(area);
        return d != null ? d : queueSla.get(queue);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Reads a settings file (YAML; JSON is YAML too):
     * <pre>
     * lease: PT10M                # ISO-8601 duration, or 10m / 2h / 3d
     * priority: {minors: 30, self-harm: 20, sexual-content: 10}
     * sla:
     *   review: {default: 24h, minors: 4h}
     *   lead: {default: 24h}
     *   appeal: {default: 72h}
     * </pre>
     * Anything not given keeps its default.
     *
     * @throws DeskException naming the file, the setting and what is wrong
     */
    public static DeskConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DeskException(file.toString(), "cannot read desk settings: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        Builder b = builder();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return b.build();
        }
        if (!root.isObject()) {
            throw new DeskException(file.toString(), "desk settings must be a map of lease, priority, sla");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file + ": " + e.getKey();
            switch (e.getKey()) {
                case "lease" -> b.lease(duration(where, e.getValue()));
                case "priority" -> e.getValue().fields().forEachRemaining(p -> {
                    if (!p.getValue().canConvertToInt()) {
                        throw new DeskException(where + "." + p.getKey(), "must be an integer, was " + p.getValue());
                    }
                    b.priority(p.getKey(), p.getValue().asInt());
                });
                case "sla" -> e.getValue().fields().forEachRemaining(q -> {
                    Queue queue;
                    try {
                        queue = Queue.parse(q.getKey());
                    } catch (DeskException x) {
                        throw new DeskException(where + "." + q.getKey(), "unknown queue (expected review, lead, appeal)");
                    }
                    q.getValue().fields().forEachRemaining(a -> {
                        Duration d = duration(where + "." + q.getKey() + "." + a.getKey(), a.getValue());
                        if ("default".equals(a.getKey())) {
                            b.sla(queue, d);
                        } else {
                            b.sla(queue, a.getKey(), d);
                        }
                    });
                });
                default -> throw new DeskException(where, "unknown setting (expected lease, priority, sla)");
            }
        }
        return b.build();
    }

    /** {@code PT10M}, or a number with {@code s}, {@code m}, {@code h} or {@code d}. */
    static Duration duration(String where, JsonNode v) {
        String s = v.asText("").trim();
        try {
            Duration d;
            if (s.matches("\\d+[smhd]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(s);
            }
            if (d.isNegative() || d.isZero()) {
                throw new DeskException(where, "must be a positive duration, was " + s);
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new DeskException(where, "must be a duration such as PT10M, 10m, 4h or 3d, was " + SafeText.quote(s));
        }
    }

    /** Builds a {@link DeskConfig}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private Duration lease = DEFAULT_LEASE;
        private final Map<String, Integer> priorities = new HashMap<>(Map.of("minors", 30, "self-harm", 20,
                "sexual-content", 10));
        private final Map<Queue, Duration> queueSla = new EnumMap<>(Map.of(Queue.REVIEW, Duration.ofHours(24),
                Queue.LEAD, Duration.ofHours(24), Queue.APPEAL, Duration.ofHours(72)));
        private final Map<Queue, Map<String, Duration>> areaSla = new EnumMap<>(Queue.class);
        private Clock clock = Clock.systemUTC();

        private Builder() {
            sla(Queue.REVIEW, "minors", Duration.ofHours(4));
            sla(Queue.REVIEW, "self-harm", Duration.ofHours(4));
            sla(Queue.REVIEW, "sexual-content", Duration.ofHours(8));
        }

        /** How long a claim lasts unless renewed (default 10 minutes). */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /** The priority of cases whose deciding policy is in {@code area} (higher first). */
        public Builder priority(String area, int priority) {
            priorities.put(Objects.requireNonNull(area, "area"), priority);
            return this;
        }

        /** Every area's priority back to 0: only what is set after counts. */
        public Builder clearPriorities() {
            priorities.clear();
            return this;
        }

        /** The due time of cases in {@code queue} for areas without their own. */
        public Builder sla(Queue queue, Duration sla) {
            queueSla.put(Objects.requireNonNull(queue, "queue"), positive(sla, "sla"));
            return this;
        }

        /** The due time of cases of {@code area} in {@code queue}. */
        public Builder sla(Queue queue, String area, Duration sla) {
            areaSla.computeIfAbsent(Objects.requireNonNull(queue, "queue"), q -> new HashMap<>())
                    .put(Objects.requireNonNull(area, "area"), positive(sla, "sla"));
            return this;
        }

        /** The clock leases and due times are read from (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DeskConfig build() {
            return new DeskConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
