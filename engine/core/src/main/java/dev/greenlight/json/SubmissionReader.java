package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.greenlight.model.Submission;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads submissions strictly (docs/contract.md §1). Thread-safe and reusable.
 *
 * <p>A batch is JSON Lines (one object a line), a JSON array, or a sequence of (possibly
 * pretty-printed) objects. In JSON Lines a bad line never stops the batch: every other line is
 * read. In an array or a sequence, a syntax error ends the batch at that point (there is no line to
 * resume from), and is reported; items already read stand.
 */
public final class SubmissionReader {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String NOT_UTF8 = "not UTF-8: the input starts like UTF-16 or UTF-32 text (a byte-order mark "
            + "or NUL bytes); submissions are UTF-8 JSON";

    private final JsonFactory documentFactory = JsonLimits.strictFactory();
    /** Arrays and sequences may exceed one document's size; each item is still held to it. */
    private final JsonFactory streamFactory = JsonLimits.strictFactory().setStreamReadConstraints(
            StreamReadConstraints.builder()
                    .maxDocumentLength(-1)
                    .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH + 1)
                    .maxStringLength(JsonLimits.MAX_STRING_CHARS)
                    .maxNumberLength(JsonLimits.MAX_NUMBER_CHARS)
                    .build());

    /** Parses one submission document. */
    public Submission parse(String json) throws InvalidSubmissionException {
        return parse(json.getBytes(StandardCharsets.UTF_8), "<input>");
    }

    /** Parses one submission document; {@code source} names it in problems. */
    public Submission parse(byte[] json, String source) throws InvalidSubmissionException {
        if (json.length > JsonLimits.MAX_DOCUMENT_BYTES) {
            throw new InvalidSubmissionException(List.of(new InputProblem(source, 0, "",
                    "document is " + json.length + " bytes; the limit is " + JsonLimits.MAX_DOCUMENT_BYTES)));
        }
        if (notUtf8(json, json.length)) {
            throw new InvalidSubmissionException(List.of(new InputProblem(source, 1, "", NOT_UTF8)));
        }
        try (JsonParser p = documentFactory.createParser(json)) {
            return readOne(p, source, 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every item of a batch file. */
    public List<BatchItem> readBatch(Path file) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            readBatch(in, file.toString(), items::add);
        }
        return items;
    }

    /**
     * Reads every item of a batch from {@code in}, in order, handing each to {@code sink} as soon as
     * it is read (so a large batch is never held in memory).
     *
     * @throws IOException only when reading the stream itself fails
     */
    public void readBatch(InputStream in, String source, Consumer<BatchItem> sink) throws IOException {
        BufferedInputStream buf = new BufferedInputStream(in, 64 * 1024);
        skipBom(buf);
        buf.mark(4 * JsonLimits.MAX_DOCUMENT_BYTES);
        byte[] head = buf.readNBytes(4);
        buf.reset();
        if (notUtf8(head, head.length)) {
            sink.accept(new BatchItem.Invalid(1, List.of(new InputProblem(source, 1, "", NOT_UTF8))));
            return;
        }
        int first = firstNonWhitespace(buf);
        buf.reset();
        if (first < 0) {
            return;
        }
        if (first == '[') {
            readStream(buf, source, sink, true);
        } else if (!readLines(buf, source, sink)) {
            buf.reset();
            readStream(buf, source, sink, false);
        }
    }

    /**
     * JSON Lines. Returns false, having emitted nothing, when the first record is not complete on
     * its line: the input is then a sequence of pretty-printed objects, read by {@link #readStream}.
     */
    private boolean readLines(InputStream in, String source, Consumer<BatchItem> sink) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(in, JsonLimits.MAX_DOCUMENT_BYTES);
        boolean firstRecord = true;
        byte[] line;
        while ((line = lines.next()) != null) {
            int lineNo = lines.lineNumber();
            if (lines.overlong()) {
                sink.accept(new BatchItem.Invalid(lineNo, List.of(new InputProblem(source, lineNo, "",
                        "line is longer than the limit of " + JsonLimits.MAX_DOCUMENT_BYTES + " bytes"))));
                firstRecord = false;
                continue;
            }
            if (isBlank(line)) {
                continue;
            }
            if (notUtf8(line, line.length)) {
                sink.accept(new BatchItem.Invalid(lineNo, List.of(new InputProblem(source, lineNo, "", NOT_UTF8))));
                firstRecord = false;
                continue;
            }
            try (JsonParser p = documentFactory.createParser(line)) {
                sink.accept(new BatchItem.Valid(lineNo, readOne(p, source, lineNo - 1, true)));
            } catch (InvalidSubmissionException e) {
                if (firstRecord && isIncomplete(e)) {
                    return false;
                }
                sink.accept(new BatchItem.Invalid(lineNo, e.problems()));
            }
            firstRecord = false;
        }
        return true;
    }

    /** A JSON array of submissions, or a sequence of root-level objects. */
    private void readStream(InputStream in, String source, Consumer<BatchItem> sink, boolean array) throws IOException {
        try (JsonParser p = streamFactory.createParser(in)) {
            if (array) {
                p.nextToken();
            }
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (JsonProcessingException e) {
                    sink.accept(invalid(source, 0, e));
                    return;
                }
                if (t == null || (array && t == JsonToken.END_ARRAY)) {
                    if (array && t == null) {
                        int line = p.currentLocation().getLineNr();
                        sink.accept(new BatchItem.Invalid(line, List.of(new InputProblem(source, line, "",
                                "malformed JSON: the array is not closed"))));
                    }
                    if (array && t != null) {
                        trailing(p, source, sink);
                    }
                    return;
                }
                int line = p.currentTokenLocation().getLineNr();
                long start = p.currentTokenLocation().getByteOffset();
                try {
                    LocatedTree tree = LocatedTree.read(p);
                    long size = p.currentLocation().getByteOffset() - start;
                    if (size > JsonLimits.MAX_DOCUMENT_BYTES) {
                        sink.accept(new BatchItem.Invalid(line, List.of(new InputProblem(source, line, "",
                                "submission is " + size + " bytes; the limit is " + JsonLimits.MAX_DOCUMENT_BYTES))));
                        continue;
                    }
                    sink.accept(new BatchItem.Valid(line, SubmissionMapper.map(source, tree)));
                } catch (InvalidSubmissionException e) {
                    sink.accept(new BatchItem.Invalid(line, e.problems()));
                } catch (JsonProcessingException e) {
                    sink.accept(invalid(source, 0, e));
                    return;
                }
            }
        }
    }

    private void trailing(JsonParser p, String source, Consumer<BatchItem> sink) throws IOException {
        try {
            if (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                sink.accept(new BatchItem.Invalid(line, List.of(new InputProblem(source, line, "",
                        "trailing content after the JSON array"))));
            }
        } catch (JsonProcessingException e) {
            sink.accept(invalid(source, 0, e));
        }
    }

    private Submission readOne(JsonParser p, String source, int lineOffset, boolean whole)
            throws InvalidSubmissionException, IOException {
        LocatedTree tree;
        try {
            if (p.nextToken() == null) {
                throw new InvalidSubmissionException(List.of(new InputProblem(source, lineOffset + 1, "", "empty document")));
            }
            tree = LocatedTree.read(p);
            if (whole && p.nextToken() != null) {
                int line = lineOffset + p.currentTokenLocation().getLineNr();
                throw new InvalidSubmissionException(List.of(new InputProblem(source, line, "",
                        "trailing content after the JSON value (column " + p.currentTokenLocation().getColumnNr() + ")")));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidSubmissionException(((BatchItem.Invalid) invalid(source, lineOffset, e)).problems());
        }
        if (lineOffset > 0) {
            tree = shift(tree, lineOffset);
        }
        return SubmissionMapper.map(source, tree);
    }

    private static LocatedTree shift(LocatedTree tree, int offset) {
        java.util.Map<String, Integer> shifted = new java.util.HashMap<>(tree.lines().size() * 2);
        tree.lines().forEach((k, v) -> shifted.put(k, v + offset));
        return new LocatedTree(tree.root(), shifted);
    }

    private static BatchItem invalid(String source, int lineOffset, JsonProcessingException e) {
        int line = lineOffset + (e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr()));
        boolean eof = e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT).contains("end-of-input");
        String pointer = "";
        if (!eof && e.getProcessor() instanceof JsonParser jp) {
            pointer = jp.getParsingContext().pathAsPointer().toString();
        }
        String column = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        String message = eof ? "malformed JSON: unexpected end of input" : "malformed JSON: " + e.getOriginalMessage();
        return new BatchItem.Invalid(line, List.of(new InputProblem(source, line, pointer, message + column)));
    }

    /**
     * True when Jackson would take these leading bytes for UTF-16 or UTF-32 (a byte-order mark, or a
     * NUL byte among the first four) instead of UTF-8. Submissions are UTF-8; read as UTF-16 they
     * would decode leniently, and as UTF-32 fail outside the parser's error reporting. Valid JSON
     * never starts with a NUL byte, so nothing valid is refused.
     */
    static boolean notUtf8(byte[] bytes, int length) {
        int n = Math.min(4, length);
        if (n >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIncomplete(InvalidSubmissionException e) {
        return e.problems().size() == 1 && e.problems().get(0).message().startsWith("malformed JSON: unexpected end of input");
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void skipBom(BufferedInputStream in) throws IOException {
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!java.util.Arrays.equals(head, UTF8_BOM)) {
            in.reset();
        }
    }

    private static int firstNonWhitespace(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }
}
