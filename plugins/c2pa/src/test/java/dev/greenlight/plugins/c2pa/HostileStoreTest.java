package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stores built to cost a naive reader time or memory: each is refused early with a code. */
@Timeout(20)
class HostileStoreTest {
    private static final C2paReader READER = Fixtures.reader(false);

    @Test
    void jumbfNestedTooDeep() {
        byte[] inner = TestC2paWriter.box("cbor", new byte[] {(byte) 0xa0});
        for (int i = 0; i < 40; i++) {
            inner = TestC2paWriter.superbox("6332706100110010800000aa00389b71", "c2pa", inner);
        }
        assertThat(READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(inner))).codes()).containsExactly("claim.malformed");
    }

    @Test
    void aBoxClaimingMoreBytesThanThereAre() {
        byte[] store = TestC2paWriter.superbox("6332706100110010800000aa00389b71", "c2pa",
                TestC2paWriter.box("cbor", new byte[16]));
        ByteBuffer.wrap(store).putInt(store.length - 24, Integer.MAX_VALUE);     // the cbor box's length
        Report r = READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(store)));
        assertThat(r.category()).isEqualTo("invalid");
        assertThat(r.codes()).containsExactly("claim.malformed");
    }

    @Test
    void aClaimNestedTooDeep() {
        byte[] cbor = new byte[10_000];
        java.util.Arrays.fill(cbor, (byte) 0x81);      // [[[[...
        byte[] manifest = TestC2paWriter.superbox("63326d6100110010800000aa00389b71", "urn:uuid:x",
                TestC2paWriter.superbox("6332636c00110010800000aa00389b71", "c2pa.claim", TestC2paWriter.box("cbor", cbor)));
        byte[] store = TestC2paWriter.superbox("6332706100110010800000aa00389b71", "c2pa", manifest);
        Report r = READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(store)));
        assertThat(r.category()).isEqualTo("invalid");
        assertThat(r.codes()).containsExactly("claim.malformed");
    }

    @Test
    void aByteStringDeclaringFourGigabytes() {
        byte[] cbor = {(byte) 0xa1, 0x61, 'x', 0x5b, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3};
        byte[] manifest = TestC2paWriter.superbox("63326d6100110010800000aa00389b71", "urn:uuid:x",
                TestC2paWriter.superbox("6332636c00110010800000aa00389b71", "c2pa.claim", TestC2paWriter.box("cbor", cbor)));
        byte[] store = TestC2paWriter.superbox("6332706100110010800000aa00389b71", "c2pa", manifest);
        assertThat(READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(store))).codes()).containsExactly("claim.malformed");
    }

    @Test
    void bmffExclusionsThatMatchEveryBoxOfAHugeFile() throws Exception {
        int boxes = 200_000;
        ByteBuffer file = ByteBuffer.allocate(20 + boxes * 8);
        file.putInt(20).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("isom".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < boxes; i++) {
            file.putInt(8).put("free".getBytes(StandardCharsets.US_ASCII));
        }
        List<Object> exclusions = new ArrayList<>(Collections.nCopies(4000, Map.of("xpath", "/free")));
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        JsonNode a = cbor.readTree(cbor.writeValueAsBytes(Map.of("exclusions", exclusions, "hash", new byte[32])));
        assertThat(BmffHash.verify(a, "sha256", file, true)).isEqualTo("assertion.bmffHash.malformed");
        JsonNode one = cbor.readTree(cbor.writeValueAsBytes(Map.of("exclusions", List.of(Map.of("xpath", "/free")),
                "hash", new byte[32])));
        assertThat(BmffHash.verify(one, "sha256", file, true)).as("more ranges than allowed")
                .isEqualTo("assertion.bmffHash.malformed");
    }

    @Test
    void moreIngredientManifestsThanAreVerified() throws Exception {
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        int n = Limits.MAX_CHECKED_INGREDIENTS + 6;
        List<byte[]> manifests = new ArrayList<>();
        List<byte[]> assertions = new ArrayList<>();
        List<Object> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            manifests.add(TestC2paWriter.superbox("63326d6100110010800000aa00389b71", "urn:m" + i));
            String label = "c2pa.ingredient__" + i;
            assertions.add(TestC2paWriter.superbox("63626f7200110010800000aa00389b71", label,
                    TestC2paWriter.box("cbor", cbor.writeValueAsBytes(Map.of("title", "t" + i, "relationship", "componentOf",
                            "c2pa_manifest", Map.of("url", "self#jumbf=/c2pa/urn:m" + i, "hash", new byte[32]))))));
            refs.add(Map.of("url", "self#jumbf=c2pa.assertions/" + label, "hash", new byte[32]));
        }
        byte[] claim = cbor.writeValueAsBytes(Map.of("claim_generator", "hostile", "assertions", refs));
        manifests.add(TestC2paWriter.superbox("63326d6100110010800000aa00389b71", "urn:active",
                TestC2paWriter.superbox("6332617300110010800000aa00389b71", "c2pa.assertions", assertions.toArray(new byte[0][])),
                TestC2paWriter.superbox("6332636c00110010800000aa00389b71", "c2pa.claim", TestC2paWriter.box("cbor", claim))));
        byte[] store = TestC2paWriter.superbox("6332706100110010800000aa00389b71", "c2pa", manifests.toArray(new byte[0][]));
        Report r = READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(store)));
        assertThat(r.category()).isEqualTo("invalid");
        assertThat(r.codes()).contains("general.error");
        assertThat(r.ingredients()).hasSize(n);
    }
}
