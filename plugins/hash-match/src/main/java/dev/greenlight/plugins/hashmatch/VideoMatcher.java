package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a submitted video's frame hashes against a {@link VideoBank} as Meta's vPDQ does: a frame
 * matches a known video when it is within the distance threshold of any of its frames; the known
 * video matches when at least {@code submissionShare} of the submission's frames match it and at
 * least {@code bankShare} of its times are matched. Frames below the minimum quality take no part
 * (flat frames, fades to black, match everything). Immutable and thread-safe.
 *
 * @param threshold       largest Hamming distance between matching frames
 * @param minQuality      submission frames of lower PDQ quality are left out
 * @param submissionShare share of the submission's frames that must match (0–1)
 * @param bankShare       share of the known video's times that must be matched (0–1)
 */
record VideoMatcher(int threshold, int minQuality, double submissionShare, double bankShare) {

    /**
     * A known video the submission matched.
     *
     * @param entry           the known video
     * @param submissionShare share of the submission's usable frames that matched it
     * @param bankShare       share of its times that some submission frame matched
     * @param startSeconds    the first matching submission frame's time
     * @param endSeconds      the last matching submission frame's time plus the sampling interval (capped at the duration)
     * @param distance        median, over the matching submission frames, of the nearest frame's distance
     * @param nearest         the known video's frame hash nearest to any submission frame
     * @param quality         median PDQ quality of the submission's usable frames
     * @param frames          the submission's usable frames
     */
    record Match(VideoBank.Entry entry, double submissionShare, double bankShare, double startSeconds, double endSeconds,
            int distance, Hash256 nearest, int quality, int frames) {
    }

    /**
     * The known videos the frames match, at most one per bank (the one with the largest share of
     * the submission), best first.
     *
     * @param intervalSeconds the sampling interval, for the segment's end
     * @param durationSeconds the submission's length, which caps the segment's end
     */
    List<Match> match(List<FrameHash> frames, VideoBank bank, double intervalSeconds, double durationSeconds) {
        List<FrameHash> usable = frames.stream().filter(f -> f.pdq().quality() >= minQuality).toList();
        if (usable.isEmpty() || bank.size() == 0) {
            return List.of();
        }
        Map<Integer, Hits> hits = new HashMap<>();
        for (int q = 0; q < usable.size(); q++) {
            for (BankMatch m : bank.lookup(usable.get(q).pdq().bits(), threshold)) {
                int frame = VideoBank.frameOf(m);
                Hits h = hits.computeIfAbsent(bank.entryOf(frame), e -> new Hits(usable.size()));
                h.add(q, bank.timeOf(frame), m);
            }
        }
        int quality = median(usable.stream().mapToInt(f -> f.pdq().quality()).toArray());
        Map<String, Match> bestPerBank = new LinkedHashMap<>();
        for (Map.Entry<Integer, Hits> e : hits.entrySet()) {
            VideoBank.Entry entry = bank.entry(e.getKey());
            Hits h = e.getValue();
            double subShare = h.query.cardinality() / (double) usable.size();
            double knownShare = h.times.cardinality() / (double) entry.times();
            if (subShare + 1e-9 < submissionShare || knownShare + 1e-9 < bankShare) {
                continue;
            }
            double start = usable.get(h.query.nextSetBit(0)).seconds();
            double last = usable.get(h.query.previousSetBit(usable.size() - 1)).seconds();
            double end = durationSeconds > 0 ? Math.min(durationSeconds, last + intervalSeconds) : last + intervalSeconds;
            int[] distances = h.query.stream().map(q -> h.best[q]).toArray();
            Match match = new Match(entry, subShare, knownShare, start, Math.max(start, end), median(distances), h.nearest,
                    quality, usable.size());
            bestPerBank.merge(entry.bank(), match, (a, b) -> better(b, a) ? b : a);
        }
        List<Match> out = new ArrayList<>(bestPerBank.values());
        out.sort(Comparator.comparingDouble(Match::submissionShare).reversed().thenComparingInt(Match::distance));
        return out;
    }

    private static boolean better(Match a, Match b) {
        return a.submissionShare() > b.submissionShare()
                || a.submissionShare() == b.submissionShare() && a.distance() < b.distance();
    }

    private static int median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    /** What one known video's frames matched; local to one call. */
    private static final class Hits {
        final BitSet query = new BitSet();
        final BitSet times = new BitSet();
        final int[] best;
        Hash256 nearest;
        int nearestDistance = Integer.MAX_VALUE;

        Hits(int queryFrames) {
            best = new int[queryFrames];
            Arrays.fill(best, Integer.MAX_VALUE);
        }

        void add(int q, int time, BankMatch m) {
            query.set(q);
            times.set(time);
            best[q] = Math.min(best[q], m.distance());
            if (m.distance() < nearestDistance) {
                nearestDistance = m.distance();
                nearest = m.hash();
            }
        }
    }
}
