package dev.greenlight.model;

import java.util.Objects;

/** The generative model that made the work. Immutable; absent values are empty strings. */
public final class ModelInfo {
    /** What rules see when a submission names no model. */
    public static final ModelInfo NONE = new ModelInfo("", "");

    private final String name;
    private final String version;

    public ModelInfo(String name, String version) {
        this.name = name == null ? "" : name;
        this.version = version == null ? "" : version;
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInfo m && name.equals(m.name) && version.equals(m.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version);
    }

    @Override
    public String toString() {
        return "ModelInfo[name=" + name + ", version=" + version + "]";
    }
}
