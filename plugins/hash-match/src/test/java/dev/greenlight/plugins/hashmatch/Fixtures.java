package dev.greenlight.plugins.hashmatch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The PDQ reference images and expected hashes copied into src/test/resources/pdq. */
final class Fixtures {
    static final String ORIGINAL = "reg-test-input_dih_bridge-1-original.jpg";
    static final String BLURRED = "bridge-mods_blur-a-lot.jpg";
    static final String SATURATED = "bridge-mods_high-saturation.jpg";
    static final List<String> ROTATIONS = List.of("reg-test-input_dih_bridge-2-rotate-90.jpg",
            "reg-test-input_dih_bridge-3-rotate-180.jpg", "reg-test-input_dih_bridge-4-rotate-270.jpg");

    /** One line of expected.tsv. */
    record Expected(String file, Hash256 hash, String source) {
        @Override
        public String toString() {
            return file;
        }
    }

    private Fixtures() {
    }

    static List<Expected> expected() {
        List<Expected> rows = new ArrayList<>();
        for (String line : read("expected.tsv").split("\n")) {
            String[] f = line.split("\t");
            if (!line.isBlank() && !f[0].equals("file")) {
                rows.add(new Expected(f[0], Hash256.fromHex(f[1]), f[2].strip()));
            }
        }
        return rows;
    }

    static BufferedImage image(String file) {
        try (InputStream in = open(file)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture to {@code target}, which is created with its parents. */
    static Path copy(String file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = open(file)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static String read(String file) {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = Fixtures.class.getResourceAsStream("/pdq/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource /pdq/" + file);
        }
        return in;
    }
}
