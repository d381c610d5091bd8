package dev.greenlight.cli;

import dev.greenlight.audit.AuditKeys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes an Ed25519 key pair for signing checkpoints. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        header = "Makes a key pair for signing the audit log's checkpoints.",
        description = {"Makes an Ed25519 key pair for signing the audit log's checkpoints: PREFIX.key (private, owner-only)",
            "and PREFIX.pub (public, for 'audit verify --key'). Never overwrites a file."})
final class AuditKeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "PREFIX", required = true, description = "Where to write: PREFIX.key and PREFIX.pub.")
    Path prefix;

    @Override
    public Integer call() {
        Path priv = prefix.resolveSibling(prefix.getFileName() + ".key");
        Path pub = prefix.resolveSibling(prefix.getFileName() + ".pub");
        KeyPair keys = AuditKeys.generate();
        try {
            AuditKeys.write(keys, priv, pub);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("greenlight: " + e.getFile() + " exists; not overwriting a key");
            return ExitCodes.CONFIG;
        } catch (IOException e) {
            spec.commandLine().getErr().println("greenlight: cannot write the key pair: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        spec.commandLine().getOut().println("key " + AuditKeys.keyId(keys.getPublic()) + ": private " + priv + ", public " + pub);
        return ExitCodes.OK;
    }
}
