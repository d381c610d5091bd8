package dev.greenlight.plugins.hashmatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads bank files into {@link Banks}.
 *
 * <p>Format (UTF-8, one entry a line): {@code hash<TAB>bank[<TAB>label]}, where {@code hash} is 64
 * hex digits, {@code bank} is 1–64 of {@code [A-Za-z0-9._:-]} and the optional label is free text
 * without tabs. Blank lines and lines whose first non-blank character is {@code #} are ignored;
 * spaces around fields and CRLF line ends are tolerated. The file's name says what its hashes are:
 * {@code *.sha256.tsv} holds SHA-256 digests, {@code *.pdq.tsv} holds PDQ hashes.
 *
 * <p>Any malformed line fails the whole load with a {@link BankFormatException} naming the file and
 * line: a bank that is silently half-loaded would let known content through.
 *
 * <p>Not thread-safe: one loader per start.
 */
final class BankLoader {
    private static final Pattern BANK_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final BankEntries.Builder sha256 = BankEntries.builder();
    private final BankEntries.Builder pdq = BankEntries.builder();
    private final VideoBank.Builder video = VideoBank.builder();
    private final List<String> sources = new ArrayList<>();

    /** Loads every {@code *.sha256.tsv} and {@code *.pdq.tsv} file directly in {@code dir}, by name; other files are skipped. */
    BankLoader addDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> HashAlgorithm.ofFileName(p.getFileName().toString()).isPresent())
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BankFormatException("cannot list bank directory " + dir + ": " + e, e);
        }
        files.forEach(this::addFile);
        return this;
    }

    /** Loads one bank file, whose name must end in {@code .sha256.tsv} or {@code .pdq.tsv}. */
    BankLoader addFile(Path file) {
        HashAlgorithm algorithm = algorithmOf(file.toString(), file.getFileName().toString());
        try (InputStream in = Files.newInputStream(file)) {
            read(file.toString(), in, algorithm);
        } catch (IOException e) {
            throw new BankFormatException("cannot read bank file " + file + ": " + e, e);
        }
        return this;
    }

    /** Loads a bank shipped in this plugin's jar ({@code resource} is an absolute resource name). */
    BankLoader addResource(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        HashAlgorithm algorithm = algorithmOf(resource, name);
        try (InputStream in = BankLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BankFormatException("bank resource " + resource + " is missing from the plugin jar");
            }
            read("jar:" + resource, in, algorithm);
        } catch (IOException e) {
            throw new BankFormatException("cannot read bank resource " + resource + ": " + e, e);
        }
        return this;
    }

    int sourceCount() {
        return sources.size();
    }

    Banks build() {
        return new Banks(new ExactHashBank(sha256.build()), new MultiIndexHashBank(pdq.build()), video.build(), sources);
    }

    private static HashAlgorithm algorithmOf(String source, String fileName) {
        return HashAlgorithm.ofFileName(fileName).orElseThrow(() -> new BankFormatException(
                "bank file " + source + ": name must end in .sha256.tsv, .pdq.tsv or .vpdq.tsv, which says what its hashes are"));
    }

    private void read(String source, InputStream in, HashAlgorithm algorithm) throws IOException {
        BankEntries.Builder target = algorithm == HashAlgorithm.SHA256 ? sha256 : pdq;
        boolean frames = algorithm == HashAlgorithm.VPDQ;
        // Report bad bytes instead of loading labels full of replacement characters.
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        int lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (frames) {
                    parseFrameLine(source, lineNumber, line);
                } else {
                    parseLine(source, lineNumber, line, target);
                }
            }
        } catch (CharacterCodingException e) {
            throw BankFormatException.at(source, lineNumber + 1, "not valid UTF-8");
        }
        sources.add(source);
    }

    private static void parseLine(String source, int lineNumber, String line, BankEntries.Builder target) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw BankFormatException.at(source, lineNumber,
                    "expected hash<TAB>bank[<TAB>label] (2 or 3 tab-separated fields), found " + fields.length);
        }
        String hex = hashField(source, lineNumber, fields[0]);
        String bank = bankField(source, lineNumber, fields[1]);
        String label = fields.length == 3 ? fields[2].strip() : "";
        target.add(Hash256.fromHex(hex), bank, label);
    }

    /** The first field of a bank line: 64 hex digits, checked. */
    private static String hashField(String source, int lineNumber, String field) {
        String hex = field.strip();
        if (!Hash256.isHex64(hex)) {
            throw BankFormatException.at(source, lineNumber, "hash must be 64 hex digits, was '" + abbreviate(hex) + "'");
        }
        return hex;
    }

    /** The second field of a bank line: the bank's name, checked. */
    private static String bankField(String source, int lineNumber, String field) {
        String bank = field.strip();
        if (!BANK_NAME.matcher(bank).matches()) {
            throw BankFormatException.at(source, lineNumber,
                    "bank name must be 1-64 of A-Z a-z 0-9 . _ : -, was '" + abbreviate(bank) + "'");
        }
        return bank;
    }

    /** {@code hash<TAB>bank<TAB>label<TAB>seconds}: one frame of the known video {@code label}. */
    private void parseFrameLine(String source, int lineNumber, String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != 4) {
            throw BankFormatException.at(source, lineNumber,
                    "expected hash<TAB>bank<TAB>label<TAB>seconds (4 tab-separated fields), found " + fields.length);
        }
        String hex = hashField(source, lineNumber, fields[0]);
        String bank = bankField(source, lineNumber, fields[1]);
        String label = fields[2].strip();
        if (label.isEmpty()) {
            throw BankFormatException.at(source, lineNumber, "a video frame needs the label of its video");
        }
        double seconds;
        try {
            seconds = Double.parseDouble(fields[3].strip());
        } catch (NumberFormatException e) {
            throw BankFormatException.at(source, lineNumber, "seconds must be a number, was '" + abbreviate(fields[3].strip()) + "'");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw BankFormatException.at(source, lineNumber, "seconds must be zero or more, was " + fields[3].strip());
        }
        video.add(Hash256.fromHex(hex), bank, label, seconds);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
