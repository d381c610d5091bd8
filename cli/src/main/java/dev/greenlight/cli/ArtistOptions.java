package dev.greenlight.cli;

import dev.greenlight.server.GreenlightServer;
import dev.greenlight.server.callback.CallbackConfig;
import dev.greenlight.server.status.StatusTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s options for what artists and integrators hear (docs/contract.md §7): status
 * links and pages (on with the review desk), callbacks of final verdicts to the integrator, and the
 * server's public address. Read and checked before the server binds its port.
 */
final class ArtistOptions {
    @Option(names = "--callback-url", paramLabel = "URL",
            description = "POST every final verdict (signed, retried, at least once) to this URL; needs --audit and --callback-secret-file.")
    URI callbackUrl;

    @Option(names = "--callback-secret-file", paramLabel = "FILE",
            description = "The shared secret that signs callbacks: this file's first line, at least 16 characters.")
    Path callbackSecretFile;

    @Option(names = "--callback-rules-decisions",
            description = "Also send the verdicts of decisions that need no human, as they are made (default: reviewers' final verdicts only).")
    boolean callbackRulesDecisions;

    @Option(names = "--status-pages", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With the review desk: hand each decision's status token to the integrator and serve the artists' status "
                    + "pages and appeals (default on; --no-status-pages turns them off).")
    boolean statusPages;

    @Option(names = "--status-secret-file", paramLabel = "FILE",
            description = "The secret status tokens are made with (32+ bytes; made when missing). Default: the audit log's path + .status-key.")
    Path statusSecretFile;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "This server's address as artists reach it (e.g. https://greenlight.example.org/): decisions then carry a full statusUrl.")
    URI publicUrl;

    /**
     * Adds callbacks and status pages to {@code server} as the options say.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    void apply(GreenlightServer.Builder server, Path audit, boolean deskOn) {
        if (callbackUrl != null || callbackSecretFile != null) {
            if (callbackUrl == null || callbackSecretFile == null) {
                throw new IllegalArgumentException("--callback-url and --callback-secret-file go together");
            }
            if (audit == null) {
                throw new IllegalArgumentException("--callback-url needs --audit FILE: callbacks are delivered from the audit log");
            }
            server.callbacks(CallbackConfig.builder(callbackUrl, secretLine(callbackSecretFile)).automatic(callbackRulesDecisions).build());
        }
        if (publicUrl != null) {
            server.publicUrl(publicUrl);
        }
        if (deskOn && statusPages) {
            Path key = statusSecretFile != null ? statusSecretFile : audit.resolveSibling(audit.getFileName() + ".status-key");
            try {
                server.statusTokens(StatusTokens.open(key, audit.resolveSibling(audit.getFileName() + ".status-revoked")));
            } catch (IOException e) {
                throw new IllegalArgumentException("--status-secret-file: " + e.getMessage(), e);
            }
        }
    }

    private static byte[] secretLine(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--callback-secret-file: cannot read " + file + ": " + e.getMessage(), e);
        }
        String secret = lines.isEmpty() ? "" : lines.get(0).strip();
        if (secret.length() < CallbackConfig.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("--callback-secret-file: the first line of " + file + " must hold a secret of at least "
                    + CallbackConfig.MIN_SECRET_BYTES + " characters (e.g. openssl rand -hex 32)");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
