package dev.greenlight.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditKeys;
import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.audit.Checkpoint;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.audit.VerifyResult;
import dev.greenlight.json.ModelJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Checks every record, the chain, the checkpoints and their signatures; names the first bad record. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Checks the audit log's records, chain, checkpoints and signatures.",
        description = {"Checks the audit log: every record's hash, the chain and sequence across segments, every checkpoint,",
            "their signatures (with --key), and the log against its checkpoint file and any --checkpoint saved elsewhere.",
            "Signed checkpoints and no --key fail (a rewrite could recompute the chain) unless --chain-only.",
            "Exit 0 only when intact; 1 names the first bad record (file:line, seq, offset) or checkpoint."})
final class AuditVerifyCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The audit log (its first segment); or --db, or --kafka.")
    Path file;

    @Mixin
    DbOptions db;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Check every log shipped to a Kafka topic (host:port[,host:port]; with --topic).")
    String kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "With --kafka: the topic the logs are shipped to.")
    String topic;

    @Option(names = "--key", paramLabel = "PUBLIC-KEY",
            description = "Check checkpoint signatures with this public key (repeatable, for rotated keys).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A checkpoint saved elsewhere (a copy of FILE.checkpoint): detects truncation and rewrites. Repeatable.")
    List<Path> checkpoints = new ArrayList<>();

    @Option(names = "--no-checkpoint-file", description = "Do not check the log against its own checkpoint file.")
    boolean noCheckpointFile;

    @Option(names = "--strict",
            description = "Also fail when records follow the last signed checkpoint (a log closed cleanly ends with one). Needs --key.")
    boolean strict;

    @Option(names = "--chain-only",
            description = "Check the chain without a key even when the checkpoints are signed; the log is then reported NOT authenticated.")
    boolean chainOnly;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int sources = (file != null ? 1 : 0) + (db.given() ? 1 : 0) + (kafka != null ? 1 : 0);
        if (sources != 1) {
            err.println("greenlight: give one of an audit log FILE, --db URL or --kafka BOOTSTRAP --topic TOPIC");
            return ExitCodes.CONFIG;
        }
        if ((kafka == null) != (topic == null)) {
            err.println("greenlight: --kafka and --topic go together");
            return ExitCodes.CONFIG;
        }
        if (file != null && !AuditLogFile.exists(file, err)) {
            return ExitCodes.CONFIG;
        }
        VerifyOptions options = new VerifyOptions(List.of(), List.of(), !noCheckpointFile, strict, chainOnly);
        try {
            for (Path k : keys) {
                options = options.withKey(AuditKeys.readPublicKey(k));
            }
            for (Path c : checkpoints) {
                options = options.withCheckpoint(Checkpoint.read(c), c);
            }
        } catch (IOException e) {
            err.println("greenlight: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (file == null) {
            return ShippedLogsCheck.run(db.given() ? db : null, kafka, topic, options, format == Format.json, out, err);
        }
        VerifyResult r;
        try {
            r = AuditVerifier.verify(file, options);
        } catch (IOException e) {
            err.println("greenlight: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (format == Format.json) {
            out.println(ModelJson.write(json(r)));
        } else if (r.intact()) {
            out.println(r.describe(file.toString()));
            r.notes().forEach(n -> out.println("  " + n));
        } else {
            err.println(r.describe(file.toString()));
        }
        return r.intact() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static ObjectNode json(VerifyResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("intact", r.intact());
        o.put("records", r.records()).put("decisions", r.decisions()).put("reviews", r.reviews());
        o.put("checkpoints", r.checkpoints()).put("signedCheckpoints", r.signedCheckpoints());
        o.put("segments", r.segments()).put("lastSeq", r.lastSeq()).put("head", r.lastHash());
        if (r.file() == null && !r.intact()) {
            o.putObject("firstProblem").put("seq", r.badSeq()).put("problem", r.problem());
            r.notes().forEach(o.putArray("notes")::add);
            return o;
        }
        if (!r.intact()) {
            ObjectNode bad = o.putObject("firstProblem");
            bad.put("file", String.valueOf(r.file()));
            bad.put("line", r.badLine());
            bad.put("offset", r.offset());
            bad.put("seq", r.badSeq());
            bad.put("problem", r.problem());
            bad.put("tornTail", r.tornTail());
        }
        r.notes().forEach(o.putArray("notes")::add);
        return o;
    }
}
