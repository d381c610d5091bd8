package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactHashBankTest {

    @Test
    void lookup_everyLoadedHash_isFoundAndOthersAreNot() {
        Random random = new Random(5);
        BankEntries.Builder builder = BankEntries.builder();
        List<Hash256> loaded = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            Hash256 h = MultiIndexHashBankTest.random(random);
            loaded.add(h);
            builder.add(h, "b", "e" + i);
        }
        ExactHashBank bank = new ExactHashBank(builder.build());

        for (int i = 0; i < loaded.size(); i++) {
            assertThat(bank.lookup(loaded.get(i))).extracting(BankMatch::label).containsExactly("e" + i);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(bank.lookup(MultiIndexHashBankTest.random(random))).isEmpty();
        }
    }

    @Test
    void lookup_hashInTwoBanks_returnsBothInLoadOrder() {
        Hash256 h = Hash256.fromHex("ab".repeat(32));
        BankEntries entries = BankEntries.builder()
                .add(h, "first", "one")
                .add(Hash256.fromHex("cd".repeat(32)), "first", "other")
                .add(h, "second", "")
                .build();

        assertThat(new ExactHashBank(entries).lookup(h))
                .containsExactly(new BankMatch("first", h, "one", 0), new BankMatch("second", h, "", 0));
    }

    @Test
    void lookup_nearMiss_isNotAMatch() {
        Hash256 h = Hash256.fromHex("ab".repeat(32));
        ExactHashBank bank = new ExactHashBank(BankEntries.builder().add(h, "b", "").build());

        assertThat(bank.lookup(Hash256.fromHex("ab".repeat(31) + "aa"))).isEmpty();
    }
}
