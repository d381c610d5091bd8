package dev.greenlight.server.desk;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the desk's HTTP tests share: a small policy pack whose every decision is ESCALATE (so every
 * submission opens a case; those tagged {@code minor} under a minors policy, which the desk puts
 * first), its catalogue, submissions, and a users file of token-only accounts (no password: no
 * PBKDF2 work in the tests). A user's token is {@code token-<name>-…}, long enough to be one.
 */
final class DeskFixture {
    /** The server's own token (for deciding submissions); refused on the desk routes. */
    static final String SERVICE_TOKEN = "service-token-0123456789abcdef0123456789";

    private DeskFixture() {
    }

    /** Writes the pack under {@code dir} and returns its directory. */
    static Path rules(Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("programme"));
        Files.createDirectories(rules.resolve("minors"));
        Files.writeString(rules.resolve("programme/review.drl"), """
                package programme;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "everything is reviewed" @policy("PRG-3")
                when Submission()
                then verdict.escalate("A reviewer will look at this work before it can be shared.");
                end
                """);
        Files.writeString(rules.resolve("minors/minor.drl"), """
                package minors;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "minor first" @policy("MIN-1")
                when Submission(tags contains "minor")
                then verdict.escalate("Work that may show a minor is checked by a reviewer first.");
                end
                """);
        Files.writeString(rules.resolve("catalogue.yaml"), """
                policies:
                  PRG-3:
                    title: Unverified accounts are reviewed
                    text: Work from an account that is not verified yet is checked by a reviewer before it is shared.
                  MIN-1:
                    title: Minors
                    text: Work that may show a minor is checked first.
                  BASE-1:
                    title: Work that meets the programme's policy may be published
                    text: Work that no other policy objects to may be published.
                """);
        return rules;
    }

    /** Submission {@code s-<n>}, tagged {@code minor} when {@code minor}. */
    static String submissionJson(String id, boolean minor) {
        return "{\"id\":\"" + id + "\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"artist-" + id
                + "\",\"verified\":false},\"intendedUse\":\"portfolio\"" + (minor ? ",\"tags\":[\"minor\"]" : "") + ",\"media\":[{\"type\":\"image\",\"mimeType\":\"image/png\",\"path\":\"work.png\",\"width\":64,\"height\":64}]}";
    }

    static List<Submission> submissions(int from, int count, int minorEvery) {
        SubmissionReader reader = new SubmissionReader();
        List<Submission> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            boolean minor = minorEvery > 0 && i % minorEvery == 0;
            try {
                out.add(reader.parse(submissionJson(String.format("s-%06d", i), minor).getBytes(StandardCharsets.UTF_8), "test"));
            } catch (dev.greenlight.json.InvalidSubmissionException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static String token(String name) {
        return "token-" + name + "-0123456789abcdef0123456789";
    }

    /** Token-only accounts: ana and bob review, lee leads (and reviews), audra audits, plus {@code extra} reviewers r01… */
    static Accounts accounts(int extra) {
        List<Accounts.Entry> entries = new ArrayList<>();
        entries.add(entry("ana", Role.REVIEWER));
        entries.add(entry("bob", Role.REVIEWER));
        entries.add(entry("lee", Role.REVIEWER, Role.LEAD));
        entries.add(entry("audra", Role.AUDITOR));
        for (int i = 1; i <= extra; i++) {
            entries.add(entry(String.format("r%02d", i), Role.REVIEWER));
        }
        return Accounts.of(entries);
    }

    /** Writes {@link #accounts} as a users file. */
    static Path usersFile(Path dir, int extra) throws IOException {
        Path file = dir.resolve("users");
        accounts(extra).save(file);
        return file;
    }

    private static Accounts.Entry entry(String name, Role... roles) {
        return new Accounts.Entry(Account.of(name, roles), null, Accounts.tokenSha256(token(name)));
    }
}
