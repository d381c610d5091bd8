package dev.greenlight.plugins.c2pa;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files signed by the test writer (the benchmark's inputs, small here) verify, and each kind of
 * tampering gives its own status code.
 */
class WriterRoundTripTest {
    static TestSigner signer;
    static TestC2paWriter writer;
    static C2paReader trusting;

    @BeforeAll
    static void setUp() throws Exception {
        signer = TestSigner.create();
        writer = new TestC2paWriter(signer);
        trusting = new C2paReader(List.of(signer.root()), Clock.systemUTC());
    }

    @Test
    void aSignedJpegIsTrustedAndSaysAModelMadeIt() throws Exception {
        Report r = trusting.read(ByteBuffer.wrap(writer.signJpeg(jpeg(64, 48))));
        assertThat(r.category()).isEqualTo("trusted");
        assertThat(r.codes()).isEmpty();
        assertThat(r.algorithm()).isEqualTo("ES256");
        assertThat(r.hardBinding()).isEqualTo("c2pa.hash.data");
        assertThat(ProvenanceSignals.generatedByModel(r)).isTrue();
        assertThat(r.signedAt()).as("no time-stamp").isEmpty();
    }

    @Test
    void aSignedMp4IsTrusted() throws Exception {
        Report r = trusting.read(ByteBuffer.wrap(writer.signMp4(mp4())));
        assertThat(r.category()).isEqualTo("trusted");
        assertThat(r.hardBinding()).isEqualTo("c2pa.hash.bmff.v2");
    }

    @Test
    void withoutTheRootItIsOnlyValid() throws Exception {
        Report r = Fixtures.reader(true).read(ByteBuffer.wrap(writer.signJpeg(jpeg(16, 16))));
        assertThat(r.category()).isEqualTo("valid");
        assertThat(r.codes()).containsExactly("signingCredential.untrusted");
    }

    @Test
    void changedImageDataBreaksTheDataHash() throws Exception {
        byte[] f = writer.signJpeg(jpeg(64, 48));
        f[f.length - 10] ^= 1;
        assertThat(trusting.read(ByteBuffer.wrap(f)).codes()).containsExactly("assertion.dataHash.mismatch");
    }

    @Test
    void changedMediaDataBreaksTheBmffHash() throws Exception {
        byte[] f = writer.signMp4(mp4());
        f[30] ^= 1;         // inside mdat
        assertThat(trusting.read(ByteBuffer.wrap(f)).codes()).containsExactly("assertion.bmffHash.mismatch");
    }

    @Test
    void aChangedClaimBreaksTheSignature() throws Exception {
        byte[] f = writer.signJpeg(jpeg(16, 16));
        int at = indexOf(f, "greenlight-test-writer".getBytes(StandardCharsets.US_ASCII));
        f[at] = 'G';
        Report r = trusting.read(ByteBuffer.wrap(f));
        assertThat(r.category()).isEqualTo("invalid");
        assertThat(r.codes()).containsExactly("claimSignature.mismatch");
    }

    @Test
    void aChangedAssertionBreaksItsHashedUri() throws Exception {
        byte[] f = writer.signJpeg(jpeg(16, 16));
        int at = indexOf(f, "c2pa.created".getBytes(StandardCharsets.US_ASCII));
        f[at + 5] = 'X';
        assertThat(trusting.read(ByteBuffer.wrap(f)).codes()).contains("assertion.hashedURI.mismatch");
    }

    static byte[] jpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x * 31 + y * 17) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    static byte[] mp4() {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 64);
        b.putInt(20).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("isom".getBytes(StandardCharsets.US_ASCII));
        b.putInt(8 + 64).put("mdat".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
