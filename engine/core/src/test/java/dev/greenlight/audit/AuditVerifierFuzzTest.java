package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/reliability.md I3: the audit log reader ({@code verify} and {@link AuditReader}) under arbitrary
 * files. A damaged or hostile log must be reported as damaged, naming where; never an exception
 * other than the declared {@link AuditException}, never out of memory, never a second per input.
 *
 * <p>The first byte of an input is a set of flags. Bit 0: re-hash every line that has a
 * {@code hash} member, and chain its {@code prev} to the line before, so the fuzzer gets past the
 * SHA-256 check to the structure, sequence and checkpoint checks (it cannot forge a hash itself).
 * Bit 1: a NUL byte splits the rest into the log and its checkpoint file ({@code B.checkpoint}).
 * Without {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/dev/greenlight/audit/AuditVerifierFuzzTestInputs/I3_verify/} are replayed;
 * {@code -Pfuzz} fuzzes (README, "Hardening and fuzzing").
 */
class AuditVerifierFuzzTest {
    private static final Pattern PREV = Pattern.compile("\"prev\":\"[0-9a-f]{64}\"");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("greenlight-audit-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one directory for every input of the run (a @TempDir per input would cost more than the input)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var files = Files.list(DIR)) {
                files.forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // left in the temp directory
            }
            DIR.toFile().delete();
        }));
    }

    @FuzzTest
    void I3_verify(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int flags = input[0];
        byte[] log = java.util.Arrays.copyOfRange(input, 1, input.length);
        byte[] checkpoint = null;
        if ((flags & 2) != 0) {
            int nul = indexOf(log, (byte) 0);
            if (nul >= 0) {
                checkpoint = java.util.Arrays.copyOfRange(log, nul + 1, log.length);
                log = java.util.Arrays.copyOf(log, nul);
            }
        }
        if ((flags & 1) != 0) {
            log = rechain(log);
        }
        Path base = DIR.resolve("audit.jsonl");
        Files.write(base, log);
        Path cp = Segments.checkpointFile(base);
        if (checkpoint == null) {
            Files.deleteIfExists(cp);
        } else {
            Files.write(cp, checkpoint);
        }

        VerifyResult r = AuditVerifier.verify(base);
        if (!r.intact()) {
            assertThat(r.problem()).isNotBlank();
        }
        assertThat(r.describe("audit.jsonl")).isNotBlank();
        try {
            AuditReader.read(base, rec -> assertThat(rec.seq()).isPositive());
        } catch (AuditException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Gives every line that ends in a hash member the hash of its bytes and the previous line's hash as prev. */
    static byte[] rechain(byte[] log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(log.length);
        String prev = AuditRecordFormat.GENESIS;
        int start = 0;
        while (start <= log.length) {
            int nl = indexOf(log, (byte) '\n', start);
            int end = nl < 0 ? log.length : nl;
            byte[] line = java.util.Arrays.copyOfRange(log, start, end);
            if (RecordCheck.hashMemberStart(line) >= 0) {
                String text = new String(line, StandardCharsets.ISO_8859_1);
                Matcher m = PREV.matcher(text);
                if (m.find()) {
                    text = text.substring(0, m.start()) + "\"prev\":\"" + prev + "\"" + text.substring(m.end());
                }
                line = text.getBytes(StandardCharsets.ISO_8859_1);
                int cut = RecordCheck.hashMemberStart(line);
                var md = AuditRecordFormat.sha256();
                md.update(line, 0, cut);
                md.update((byte) '}');
                prev = HexFormat.of().formatHex(md.digest());
                byte[] hex = prev.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(hex, 0, line, cut + AuditRecordFormat.HASH_MEMBER.length(), 64);
            }
            out.writeBytes(line);
            if (nl < 0) {
                break;
            }
            out.write('\n');
            start = nl + 1;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] a, byte b) {
        return indexOf(a, b, 0);
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
