package dev.greenlight.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A piece of evidence a plugin found about a submission, and one fact per signal in the rules.
 * Immutable.
 *
 * <p>{@code name} is dotted ({@code prompt.term}, {@code media.mismatch}, {@code hash.match});
 * {@code source} is the id of the plugin that produced it (set by the engine, so a plugin cannot
 * speak for another). {@code category} and {@code value} are empty strings when absent;
 * {@code score} (0–1) and {@code mediaIndex} are {@code null} when absent. Attributes are sorted by
 * key so that equal signals serialise identically.
 */
public final class Signal {
    private final String source;
    private final String name;
    private final String category;
    private final String value;
    private final Double score;
    private final Integer mediaIndex;
    private final Map<String, String> attributes;

    private Signal(Builder b) {
        this.source = b.source == null ? "" : b.source;
        this.name = requireName(b.name);
        this.category = b.category == null ? "" : b.category;
        this.value = b.value == null ? "" : b.value;
        if (b.score != null && !(b.score >= 0.0 && b.score <= 1.0)) {
            throw new IllegalArgumentException("signal '" + name + "': score must be between 0 and 1, was " + b.score);
        }
        this.score = b.score;
        this.mediaIndex = b.mediaIndex;
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(b.attributes));
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("signal name must not be blank");
        }
        return name;
    }

    /** Starts a signal with the given dotted name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this signal's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.source = source;
        b.category = category;
        b.value = value;
        b.score = score;
        b.mediaIndex = mediaIndex;
        b.attributes.putAll(attributes);
        return b;
    }

    /** This signal with its source set to {@code source}. */
    public Signal withSource(String source) {
        return source.equals(this.source) ? this : toBuilder().source(source).build();
    }

    public String getSource() {
        return source;
    }

    public String getName() {
        return name;
    }

    public String getCategory() {
        return category;
    }

    public String getValue() {
        return value;
    }

    public Double getScore() {
        return score;
    }

    public Integer getMediaIndex() {
        return mediaIndex;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    /** The attribute's value, or an empty string when absent (so rules need no null checks). */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signal s && source.equals(s.source) && name.equals(s.name) && category.equals(s.category)
                && value.equals(s.value) && Objects.equals(score, s.score) && Objects.equals(mediaIndex, s.mediaIndex)
                && attributes.equals(s.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, name, category, value, score, mediaIndex, attributes);
    }

    @Override
    public String toString() {
        return "Signal[" + source + ":" + name + (category.isEmpty() ? "" : " " + category)
                + (value.isEmpty() ? "" : " '" + value + "'") + (score == null ? "" : " score=" + score)
                + (mediaIndex == null ? "" : " media=" + mediaIndex) + (attributes.isEmpty() ? "" : " " + attributes) + "]";
    }

    /** Builds a {@link Signal}; not thread-safe. */
    public static final class Builder {
        private String source;
        private final String name;
        private String category;
        private String value;
        private Double score;
        private Integer mediaIndex;
        private final Map<String, String> attributes = new TreeMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** A score between 0 and 1 inclusive. */
        public Builder score(Double score) {
            this.score = score;
            return this;
        }

        public Builder mediaIndex(Integer mediaIndex) {
            this.mediaIndex = mediaIndex;
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(Objects.requireNonNull(key, "attribute key"), Objects.requireNonNull(value, "attribute value"));
            return this;
        }

        public Builder attributes(Map<String, String> values) {
            values.forEach(this::attribute);
            return this;
        }

        /** @throws IllegalArgumentException when the name is blank or the score is out of range */
        public Signal build() {
            return new Signal(this);
        }
    }
}
