package dev.greenlight.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of work submitted for publication (docs/contract.md §1), and the main fact in the rules.
 * Immutable and safe to share between threads.
 *
 * <p>Optional objects and collections are never {@code null}: absent {@code provenance} is
 * {@link Provenance#NONE}, absent {@code model} is {@link ModelInfo#NONE}, absent {@code tags} and
 * {@code attributes} are empty, absent {@code prompt}, {@code title} and {@code description} are
 * empty strings. Attribute values are {@link String}, {@link Long}, {@link Double} or
 * {@link Boolean}.
 *
 * <p>Build one with {@link #builder(String)}; the engine's JSON codec checks every limit of the
 * contract when it parses, and {@code build()} checks the invariants that hold for any source.
 */
public final class Submission {
    private final String id;
    private final Instant submittedAt;
    private final Submitter submitter;
    private final ModelInfo model;
    private final String prompt;
    private final String title;
    private final String description;
    private final String intendedUse;
    private final List<String> tags;
    private final List<Media> media;
    private final Provenance provenance;
    private final Map<String, Object> attributes;

    private Submission(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.submittedAt = Objects.requireNonNull(b.submittedAt, "submittedAt");
        this.submitter = Objects.requireNonNull(b.submitter, "submitter");
        this.model = b.model == null ? ModelInfo.NONE : b.model;
        this.prompt = b.prompt == null ? "" : b.prompt;
        this.title = b.title == null ? "" : b.title;
        this.description = b.description == null ? "" : b.description;
        this.intendedUse = Objects.requireNonNull(b.intendedUse, "intendedUse");
        this.tags = List.copyOf(b.tags);
        List<Media> indexed = new ArrayList<>(b.media.size());
        for (int i = 0; i < b.media.size(); i++) {
            Media m = b.media.get(i);
            indexed.add(m.getIndex() == i ? m : m.toBuilder().index(i).build());
        }
        if (indexed.isEmpty()) {
            throw new IllegalArgumentException("submission '" + id + "' has no media");
        }
        this.media = List.copyOf(indexed);
        this.provenance = b.provenance == null ? Provenance.NONE : b.provenance;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    }

    /** Starts a submission with the caller's id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder starting from this submission's values (e.g. "this one, but commercial"). */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.submittedAt = submittedAt;
        b.submitter = submitter;
        b.model = model;
        b.prompt = prompt;
        b.title = title;
        b.description = description;
        b.intendedUse = intendedUse;
        b.tags.addAll(tags);
        b.media.addAll(media);
        b.provenance = provenance;
        b.attributes.putAll(attributes);
        return b;
    }

    public String getId() {
        return id;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Submitter getSubmitter() {
        return submitter;
    }

    public ModelInfo getModel() {
        return model;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    /** One of {@code private}, {@code portfolio}, {@code public-post}, {@code commercial}, {@code festival}, {@code press}. */
    public String getIntendedUse() {
        return intendedUse;
    }

    public List<String> getTags() {
        return tags;
    }

    public List<Media> getMedia() {
        return media;
    }

    public Provenance getProvenance() {
        return provenance;
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    /** True when the submission carries {@code tag}. */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** The attribute's value, or {@code null} when absent. */
    public Object attribute(String key) {
        return attributes.get(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Submission s && id.equals(s.id) && submittedAt.equals(s.submittedAt)
                && submitter.equals(s.submitter) && model.equals(s.model) && prompt.equals(s.prompt)
                && title.equals(s.title) && description.equals(s.description) && intendedUse.equals(s.intendedUse)
                && tags.equals(s.tags) && media.equals(s.media) && provenance.equals(s.provenance)
                && attributes.equals(s.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, submittedAt, submitter, model, prompt, title, description, intendedUse, tags, media,
                provenance, attributes);
    }

    @Override
    public String toString() {
        return "Submission[id=" + id + ", intendedUse=" + intendedUse + ", submitter=" + submitter.getId() + " ("
                + (submitter.getProgram().isEmpty() ? "no programme" : submitter.getProgram())
                + (submitter.isVerified() ? ", verified" : ", unverified") + "), c2pa=" + provenance.isC2pa()
                + ", watermark=" + provenance.isWatermark() + ", media=" + media.size() + "]";
    }

    /** Builds a {@link Submission}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private Instant submittedAt;
        private Submitter submitter;
        private ModelInfo model;
        private String prompt;
        private String title;
        private String description;
        private String intendedUse;
        private final List<String> tags = new ArrayList<>();
        private final List<Media> media = new ArrayList<>();
        private Provenance provenance;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder submittedAt(Instant submittedAt) {
            this.submittedAt = submittedAt;
            return this;
        }

        public Builder submitter(Submitter submitter) {
            this.submitter = submitter;
            return this;
        }

        public Builder model(ModelInfo model) {
            this.model = model;
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder intendedUse(String intendedUse) {
            this.intendedUse = intendedUse;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags.clear();
            this.tags.addAll(tags);
            return this;
        }

        /** Replaces the media list; indexes are assigned by position. */
        public Builder media(List<Media> media) {
            this.media.clear();
            this.media.addAll(media);
            return this;
        }

        public Builder addMedia(Media item) {
            this.media.add(Objects.requireNonNull(item, "media"));
            return this;
        }

        public Builder provenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        /** Replaces the attributes; values must be String, Long, Double or Boolean. */
        public Builder attributes(Map<String, ?> attributes) {
            this.attributes.clear();
            attributes.forEach(this::attribute);
            return this;
        }

        public Builder attribute(String key, Object value) {
            Objects.requireNonNull(key, "attribute key");
            if (value instanceof Integer i) {
                value = i.longValue();
            } else if (value instanceof Float f) {
                value = f.doubleValue();
            }
            if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
                throw new IllegalArgumentException("attribute '" + key + "' must be a string, number or boolean, was: "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            this.attributes.put(key, value);
            return this;
        }

        /**
         * @throws NullPointerException naming the missing required field
         * @throws IllegalArgumentException when there is no media item
         */
        public Submission build() {
            return new Submission(this);
        }
    }
}
