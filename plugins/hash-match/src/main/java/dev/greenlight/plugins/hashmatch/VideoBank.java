package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Video bank entries: for each known video (a bank and a label), the PDQ hashes of its frames at
 * their times, all indexed together for lookups by Hamming distance. Several hashes may share a
 * time (a bank builder may add crops of each frame); shares are counted in distinct times.
 * Immutable and thread-safe once built.
 */
final class VideoBank {
    /** One known video. */
    record Entry(String bank, String label, int times) {
    }

    private final List<Entry> entries;
    /** For every indexed frame hash (by its position in the index): its entry, and its time's number within the entry. */
    private final int[] frameEntry;
    private final int[] frameTime;
    private final double[] frameSeconds;
    private final MultiIndexHashBank index;

    private VideoBank(List<Entry> entries, int[] frameEntry, int[] frameTime, double[] frameSeconds, MultiIndexHashBank index) {
        this.entries = entries;
        this.frameEntry = frameEntry;
        this.frameTime = frameTime;
        this.frameSeconds = frameSeconds;
        this.index = index;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Known videos. */
    int size() {
        return entries.size();
    }

    /** Indexed frame hashes. */
    int frames() {
        return frameEntry.length;
    }

    Entry entry(int e) {
        return entries.get(e);
    }

    /**
     * The indexed frames within {@code maxDistance} of {@code query}: frame numbers for
     * {@link #entryOf}, {@link #timeOf} and {@link #secondsOf}, with the distance and the frame's hash.
     */
    List<BankMatch> lookup(Hash256 query, int maxDistance) {
        return index.lookup(query, maxDistance);
    }

    /** The frame number a lookup match stands for (kept in its label, which for video frames is not shown). */
    static int frameOf(BankMatch match) {
        return Integer.parseInt(match.label());
    }

    int entryOf(int frame) {
        return frameEntry[frame];
    }

    int timeOf(int frame) {
        return frameTime[frame];
    }

    double secondsOf(int frame) {
        return frameSeconds[frame];
    }

    /** Collects frames; not thread-safe. */
    static final class Builder {
        private final Map<String, Integer> entryNumbers = new HashMap<>();
        private final List<String[]> entryKeys = new ArrayList<>();
        private final List<Map<Double, Integer>> entryTimes = new ArrayList<>();
        private final BankEntries.Builder hashes = BankEntries.builder();
        private final List<int[]> frames = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();

        /** Adds the hash of the frame shown at {@code at} seconds of the video {@code label} in {@code bank}. */
        Builder add(Hash256 hash, String bank, String label, double at) {
            Objects.requireNonNull(hash, "hash");
            int entry = entryNumbers.computeIfAbsent(bank + '\t' + label, k -> {
                entryKeys.add(new String[] {bank, label});
                entryTimes.add(new HashMap<>());
                return entryKeys.size() - 1;
            });
            Map<Double, Integer> times = entryTimes.get(entry);
            int time = times.computeIfAbsent(at, t -> times.size());
            hashes.add(hash, bank, Integer.toString(frames.size()));
            frames.add(new int[] {entry, time});
            seconds.add(at);
            return this;
        }

        VideoBank build() {
            List<Entry> entries = new ArrayList<>();
            for (int e = 0; e < entryKeys.size(); e++) {
                entries.add(new Entry(entryKeys.get(e)[0], entryKeys.get(e)[1], entryTimes.get(e).size()));
            }
            int n = frames.size();
            int[] entry = new int[n];
            int[] time = new int[n];
            double[] at = new double[n];
            for (int i = 0; i < n; i++) {
                entry[i] = frames.get(i)[0];
                time[i] = frames.get(i)[1];
                at[i] = seconds.get(i);
            }
            return new VideoBank(List.copyOf(entries), entry, time, at, new MultiIndexHashBank(hashes.build()));
        }
    }
}
