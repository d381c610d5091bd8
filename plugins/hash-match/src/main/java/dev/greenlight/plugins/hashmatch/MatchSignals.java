package dev.greenlight.plugins.hashmatch;

import dev.greenlight.model.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns bank matches into {@code hash.match} signals: every bank entry within the threshold, nearest
 * first, at most {@code max} for each looked-up hash (a big bank of near-duplicates must not flood a
 * decision, but a reviewer must see every distinct known work an image is near, not only the
 * nearest of each bank). Stateless; thread-safe.
 */
final class MatchSignals {
    static final String NAME = "hash.match";

    private MatchSignals() {
    }

    /** Signals for exact matches of a SHA-256 taken from the file or from the declared {@code sha256}. */
    static List<Signal> sha256(int mediaIndex, List<BankMatch> matches, String origin, int max) {
        List<Signal> signals = new ArrayList<>();
        for (BankMatch m : bestFirst(matches, max)) {
            signals.add(base(mediaIndex, m, HashAlgorithm.SHA256, origin).score(1.0).build());
        }
        return signals;
    }

    /** Signals for PDQ matches of an image hashed with the given quality. */
    static List<Signal> pdq(int mediaIndex, List<BankMatch> matches, int quality, int max) {
        List<Signal> signals = new ArrayList<>();
        for (BankMatch m : bestFirst(matches, max)) {
            signals.add(base(mediaIndex, m, HashAlgorithm.PDQ, "file")
                    .score(1.0 - m.distance() / (double) Hash256.BITS)
                    .attribute("quality", Integer.toString(quality))
                    .build());
        }
        return signals;
    }

    /** A signal for a known video the submitted video matched. */
    static Signal video(int mediaIndex, VideoMatcher.Match m) {
        String hash = m.nearest().toHex();
        String label = m.entry().label();
        return Signal.builder(NAME)
                .mediaIndex(mediaIndex)
                .category(m.entry().bank())
                .value(label)
                .score(m.submissionShare())
                .attribute("algorithm", HashAlgorithm.VPDQ.id())
                .attribute("bank", m.entry().bank())
                .attribute("distance", Integer.toString(m.distance()))
                .attribute("label", label)
                .attribute("hash", hash)
                .attribute("quality", Integer.toString(m.quality()))
                .attribute("origin", "file")
                .attribute("startSeconds", seconds(m.startSeconds()))
                .attribute("endSeconds", seconds(m.endSeconds()))
                .attribute("submissionShare", share(m.submissionShare()))
                .attribute("bankShare", share(m.bankShare()))
                .attribute("frames", Integer.toString(m.frames()))
                .build();
    }

    private static String seconds(double s) {
        return java.math.BigDecimal.valueOf(Math.round(s * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    private static String share(double s) {
        return java.math.BigDecimal.valueOf(Math.round(s * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    private static Signal.Builder base(int mediaIndex, BankMatch m, HashAlgorithm algorithm, String origin) {
        String hash = m.hash().toHex();
        return Signal.builder(NAME)
                .mediaIndex(mediaIndex)
                .category(m.bank())
                .value(m.label().isEmpty() ? hash : m.label())
                .attribute("algorithm", algorithm.id())
                .attribute("bank", m.bank())
                .attribute("distance", Integer.toString(m.distance()))
                .attribute("label", m.label())
                .attribute("hash", hash)
                .attribute("origin", origin);
    }

    /** The first match of each bank, keeping the input order (which is nearest first). */
    /** The first {@code max} of {@code matches} by distance (a stable sort: ties stay in load order). */
    private static List<BankMatch> bestFirst(List<BankMatch> matches, int max) {
        List<BankMatch> sorted = new ArrayList<>(matches);
        sorted.sort(java.util.Comparator.comparingInt(BankMatch::distance));
        return sorted.subList(0, Math.min(max, sorted.size()));
    }
}
