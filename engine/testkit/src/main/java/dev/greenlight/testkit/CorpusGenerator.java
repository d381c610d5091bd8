package dev.greenlight.testkit;

import dev.greenlight.model.Media;
import dev.greenlight.model.ModelInfo;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates submissions like the ones programmes send (a mix of programmes, uses, media kinds and
 * sizes, prompts of about 200 characters) and, for each, the signals plugins would give, so that a
 * benchmark can decide with evidence and without the plugins. The same count and seed always give
 * the same submissions. Stateless and thread-safe; arguments must not be null.
 */
public final class CorpusGenerator {
    private static final Instant START = Instant.parse("2026-11-01T09:00:00Z");

    private CorpusGenerator() {
    }

    /** {@code count} submissions, ids {@code b-000001} upwards. */
    public static List<Submission> submissions(int count, long seed) {
        Random r = new Random(seed);
        List<Submission> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(submission(i, r));
        }
        return out;
    }

    /**
     * Exactly {@code count} signals a submission's plugins could have given: a {@code media.info}
     * per media item, now and then a {@code media.mismatch} or a {@code hash.match}, and
     * {@code prompt.term} signals for the rest. Deterministic for a given submission id and seed.
     */
    public static List<Signal> signals(Submission s, int count, long seed) {
        Random r = new Random(seed * 31 + s.getId().hashCode());
        List<Signal> out = new ArrayList<>(count);
        for (Media m : s.getMedia()) {
            if (out.size() == count) {
                return out;
            }
            Signal.Builder info = Signal.builder("media.info").source("media-probe").mediaIndex(m.getIndex())
                    .attribute("type", m.getType());
            if (m.getWidth() != null) {
                info.attribute("width", m.getWidth().toString()).attribute("height", m.getHeight().toString());
            }
            out.add(info.build());
        }
        if (out.size() < count && r.nextInt(10) == 0) {
            out.add(Signal.builder("media.mismatch").source("media-probe").mediaIndex(0)
                    .category(pick(r, Vocabulary.MISMATCHES)).attribute("declared", "10").attribute("actual", "4").build());
        }
        if (out.size() < count && r.nextInt(50) == 0) {
            out.add(Signal.builder("hash.match").source("hash-match").mediaIndex(0).category(pick(r, Vocabulary.BANKS))
                    .value("entry-" + r.nextInt(1000)).score(1.0).attribute("algorithm", "sha256").build());
        }
        while (out.size() < count) {
            String category = pick(r, Vocabulary.TERM_CATEGORIES);
            out.add(Signal.builder("prompt.term").source("prompt-screen").category(category)
                    .value(category + "-term-" + r.nextInt(100)).score(Math.round(r.nextDouble() * 100) / 100.0)
                    .attribute("field", "prompt").attribute("start", "0").attribute("end", "8").build());
        }
        return out;
    }

    private static Submission submission(int i, Random r) {
        String program = weighted(r, Vocabulary.PROGRAMS, 40, 30, 20, 10);
        Submission.Builder b = Submission.builder(String.format(Locale.ROOT, "b-%06d", i + 1))
                .submittedAt(START.plusSeconds(37L * i))
                .submitter(new Submitter(String.format(Locale.ROOT, "artist-%04d", r.nextInt(500)), program,
                        r.nextInt(100) < 85, r.nextInt(10) == 0 ? List.of("curator") : List.of()))
                .model(new ModelInfo(pick(r, Vocabulary.MODELS), "2025-0" + (1 + r.nextInt(9))))
                .prompt(prompt(r))
                .title(pick(r, Vocabulary.TITLES))
                .intendedUse(weighted(r, Vocabulary.USES, 15, 25, 30, 15, 8, 7))
                .provenance(new Provenance(r.nextInt(100) < 70, r.nextInt(100) < 70))
                .attribute("region", pick(r, Vocabulary.REGIONS));
        if (r.nextInt(3) == 0) {
            b.description("Made for the winter showcase; shot list and credits in the portfolio.");
        }
        List<String> tags = new ArrayList<>();
        for (int t = r.nextInt(4); t > 0; t--) {
            String tag = pick(r, Vocabulary.TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        b.tags(tags);
        int media = 1 + (r.nextInt(10) < 7 ? 0 : r.nextInt(3));
        for (int m = 0; m < media; m++) {
            b.addMedia(media(r));
        }
        return b.build();
    }

    private static Media media(Random r) {
        byte[] sha = new byte[32];
        r.nextBytes(sha);
        String hex = HexFormat.of().formatHex(sha);
        int kind = r.nextInt(10);
        if (kind < 6) {
            int[][] sizes = {{1024, 1024}, {2048, 1152}, {4096, 4096}, {8192, 4608}, {1536, 2048}};
            int[] wh = sizes[r.nextInt(sizes.length)];
            return Media.builder("image").mimeType("image/png").sha256(hex).bytes((long) wh[0] * wh[1] / 2)
                    .width(wh[0]).height(wh[1]).build();
        }
        if (kind < 9) {
            int[][] sizes = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
            int[] wh = sizes[r.nextInt(sizes.length)];
            double seconds = 2 + r.nextInt(120);
            return Media.builder("video").mimeType("video/mp4").sha256(hex).bytes((long) (seconds * 2_000_000))
                    .width(wh[0]).height(wh[1]).durationSeconds(seconds).frameRate(r.nextBoolean() ? 24.0 : 30.0).build();
        }
        double seconds = 5 + r.nextInt(300);
        return Media.builder("audio").mimeType("audio/mpeg").sha256(hex).bytes((long) (seconds * 16_000))
                .durationSeconds(seconds).build();
    }

    /** About 200 characters: style, subject, action, place, mood, and a camera note. */
    private static String prompt(Random r) {
        StringBuilder p = new StringBuilder(220);
        p.append(pick(r, Vocabulary.STYLES)).append(' ').append(pick(r, Vocabulary.SUBJECTS)).append(' ')
                .append(pick(r, Vocabulary.ACTIONS)).append(' ').append(pick(r, Vocabulary.PLACES)).append(' ')
                .append(pick(r, Vocabulary.MOODS));
        while (p.length() < 180) {
            p.append(", ").append(pick(r, Vocabulary.SUBJECTS)).append(' ').append(pick(r, Vocabulary.MOODS));
        }
        return p.append(", shallow depth of field").toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String weighted(Random r, String[] values, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
