package dev.greenlight.plugins.promptscreen;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over {@code char}s: finds every occurrence of every pattern in one pass
 * over the text, so the cost of a search grows with the text and the number of hits, not with the
 * number of patterns.
 *
 * <p>Stored as flat arrays (a trie of sorted edges per state, failure links, and "next state with
 * output" links) to stay compact with tens of thousands of patterns. The root has a direct table for
 * ASCII because after a failure almost every step starts there.
 *
 * <p>Immutable and thread-safe once built.
 */
final class AhoCorasick {

    /** Receives a hit: pattern index (into the list given to {@link #build}) and the end (exclusive). */
    @FunctionalInterface
    interface HitHandler {
        void hit(int pattern, int end);
    }

    private final int[] rootAscii = new int[128];
    private final int[] edgeOffset; // edges of state s: [edgeOffset[s], edgeOffset[s + 1])
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] outputLink; // nearest state on the failure chain with patterns, or -1
    private final int[] patternAt; // the pattern ending at each state, or -1 (patterns are distinct)
    private final int[] patternLength;

    private AhoCorasick(int states, long[] edges, int[] targets, int[] patternAt, int[] patternLength) {
        this.edgeOffset = new int[states + 1];
        this.edgeChar = new char[edges.length];
        this.edgeTarget = new int[edges.length];
        for (int i = 0; i < edges.length; i++) {
            int state = (int) (edges[i] >>> 16);
            edgeOffset[state + 1]++;
            edgeChar[i] = (char) edges[i];
            edgeTarget[i] = targets[i];
        }
        for (int s = 0; s < states; s++) {
            edgeOffset[s + 1] += edgeOffset[s];
        }
        this.patternAt = patternAt;
        this.patternLength = patternLength;
        Arrays.fill(rootAscii, -1);
        for (int i = edgeOffset[0]; i < edgeOffset[1]; i++) {
            if (edgeChar[i] < 128) {
                rootAscii[edgeChar[i]] = edgeTarget[i];
            }
        }
        this.fail = new int[states];
        this.outputLink = new int[states];
        linkFailures();
    }

    /**
     * Builds the automaton.
     *
     * @param patterns distinct, non-empty patterns
     * @throws IllegalArgumentException when a pattern is empty or repeated
     */
    static AhoCorasick build(List<String> patterns) {
        Map<Long, Integer> transitions = new HashMap<>();
        int states = 1;
        int[] patternAt = new int[16];
        Arrays.fill(patternAt, -1);
        int[] lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("pattern " + p + " is empty");
            }
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                long key = ((long) state << 16) | pattern.charAt(i);
                Integer next = transitions.get(key);
                if (next == null) {
                    next = states++;
                    transitions.put(key, next);
                }
                state = next;
            }
            if (state >= patternAt.length) {
                int old = patternAt.length;
                patternAt = Arrays.copyOf(patternAt, Math.max(state + 1, old * 2));
                Arrays.fill(patternAt, old, patternAt.length, -1);
            }
            if (patternAt[state] != -1) {
                throw new IllegalArgumentException("pattern " + p + " repeats pattern " + patternAt[state] + ": '" + pattern + "'");
            }
            patternAt[state] = p;
            lengths[p] = pattern.length();
        }
        // sorting the packed (state, char) keys groups edges by state, each group sorted by char
        long[] edges = transitions.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] targets = new int[edges.length];
        for (int i = 0; i < edges.length; i++) {
            targets[i] = transitions.get(edges[i]);
        }
        int[] finalPatternAt = Arrays.copyOf(patternAt, states);
        if (patternAt.length < states) {
            Arrays.fill(finalPatternAt, patternAt.length, states, -1);
        }
        return new AhoCorasick(states, edges, targets, finalPatternAt, lengths);
    }

    private void linkFailures() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        outputLink[0] = -1;
        for (int i = edgeOffset[0]; i < edgeOffset[1]; i++) {
            int child = edgeTarget[i];
            fail[child] = 0;
            outputLink[child] = -1;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int i = edgeOffset[state]; i < edgeOffset[state + 1]; i++) {
                char c = edgeChar[i];
                int child = edgeTarget[i];
                int f = fail[state];
                int next;
                while ((next = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = next < 0 ? 0 : next;
                int target = fail[child];
                outputLink[child] = patternAt[target] >= 0 ? target : outputLink[target];
                queue.add(child);
            }
        }
    }

    /** The goto transition, or -1. */
    private int step(int state, char c) {
        if (state == 0 && c < 128) {
            return rootAscii[c];
        }
        int lo = edgeOffset[state];
        int hi = edgeOffset[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    /** Reports every occurrence of every pattern in {@code text}, in order of their end. */
    void search(CharSequence text, HitHandler handler) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = next < 0 ? 0 : next;
            for (int s = patternAt[state] >= 0 ? state : outputLink[state]; s >= 0; s = outputLink[s]) {
                handler.hit(patternAt[s], i + 1);
            }
        }
    }

    /** The length of pattern {@code pattern}. */
    int patternLength(int pattern) {
        return patternLength[pattern];
    }

    /** The number of states, for sizing reports. */
    int states() {
        return fail.length;
    }
}
