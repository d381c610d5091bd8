package dev.greenlight.plugins.c2pa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The C2PA fixtures (copied from the reference SDK's test data; see fixtures/README.md) and their truth. */
final class Fixtures {
    static final String DIR = "/dev/greenlight/plugins/c2pa/fixtures/";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer buffer(String name) {
        return ByteBuffer.wrap(bytes(name));
    }

    static Path directory() {
        try {
            return Paths.get(Fixtures.class.getResource(DIR + "truth.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<X509Certificate> anchors() {
        try {
            return Certificates.readBundle(directory().resolve("trust-anchors.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static C2paReader reader(boolean withAnchors) {
        return new C2paReader(withAnchors ? anchors() : List.of(), Clock.systemUTC());
    }

    /** truth.tsv: one map of column to value per file, in file order. */
    static List<Map<String, String>> truth() {
        String[] lines = new String(bytes("truth.tsv"), StandardCharsets.UTF_8).split("\n");
        String[] header = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < cells.length ? cells[c] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
