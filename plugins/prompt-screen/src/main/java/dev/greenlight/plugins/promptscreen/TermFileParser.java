package dev.greenlight.plugins.promptscreen;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of one term file (format in the module README): UTF-8, one term or phrase a
 * line, {@code #} starts a comment line, blank lines are skipped, {@code !term} removes a term
 * loaded before (from the bundled lists), and a leading backslash keeps a {@code #} or {@code !}
 * literal. Only the syntax is checked here; {@link TermLists} checks each term once normalised.
 *
 * <p>Stateless and thread-safe.
 */
final class TermFileParser {

    /** Longest line accepted, in characters: longer ones are pasted paragraphs, not terms. */
    static final int MAX_TERM_LENGTH = 200;

    /** A term line: its text, whether it removes rather than adds, and its 1-based line number. */
    record Line(String text, boolean removal, int number) {
    }

    private TermFileParser() {
    }

    /**
     * Parses {@code content}, naming {@code file} in errors.
     *
     * @throws TermListException for bytes that are not UTF-8, control characters, or over-long lines
     */
    static List<Line> parse(String file, byte[] content) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        int from = 0;
        while (from < content.length) {
            int to = from;
            while (to < content.length && content[to] != '\n') {
                to++;
            }
            number++;
            String raw = decode(file, number, content, from, to);
            if (number == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            Line line = parseLine(file, number, raw.strip());
            if (line != null) {
                lines.add(line);
            }
            from = to + 1;
        }
        return lines;
    }

    private static String decode(String file, int number, byte[] content, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(content, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new TermListException(file, number, "not valid UTF-8 (save the file as UTF-8)");
        }
    }

    private static Line parseLine(String file, int number, String text) {
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new TermListException(file, number, String.format("contains control character U+%04X", (int) c));
            }
        }
        boolean removal = text.startsWith("!");
        String term = removal ? text.substring(1).strip() : text;
        if (term.startsWith("\\#") || term.startsWith("\\!")) {
            term = term.substring(1);
        }
        if (term.isEmpty()) {
            throw new TermListException(file, number, "'!' must be followed by the term to remove");
        }
        if (term.length() > MAX_TERM_LENGTH) {
            throw new TermListException(file, number, "term is " + term.length() + " characters long; the limit is "
                    + MAX_TERM_LENGTH);
        }
        return new Line(term, removal, number);
    }
}
