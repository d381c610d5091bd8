package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The limits every parser here applies, set explicitly rather than left to Jackson's defaults, so a
 * hostile input is refused with a clear message before it costs memory or time.
 */
public final class JsonLimits {
    /** Largest single submission document, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** Deepest nesting of objects and arrays (a submission needs 4). */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string value in characters (the longest field allowed is 20,000). */
    public static final int MAX_STRING_CHARS = 64 * 1024;
    /** Longest number literal, in digits. */
    public static final int MAX_NUMBER_CHARS = 64;

    private JsonLimits() {
    }

    /** A factory with the limits above, duplicate-key detection and no lenient extensions. */
    static JsonFactory strictFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // our messages name the line; the input itself never goes into an error message
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build()
                .disable(JsonParser.Feature.ALLOW_COMMENTS);
    }
}
