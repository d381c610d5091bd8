package dev.greenlight.cli;

import dev.greenlight.audit.AuditException;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.InputProblem;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Decides each submission in the given files (or standard input) and prints one decision each.
 * Bad items are reported on standard error with file, line and field, and the rest of the batch is
 * still decided; the exit code is then 1.
 */
@Command(name = "dry-run", mixinStandardHelpOptions = true,
        description = {"Decides each submission and prints one decision each.",
            "Input: JSON Lines, a JSON array, or JSON objects; '-' reads standard input.",
            "Writes no audit log unless --audit is given."})
final class DryRunCommand implements Callable<Integer> {
    enum Format { text, json }

    enum Colour { auto, always, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--format", defaultValue = "text", description = "text (one line each, for people) or json (one decision object a line). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--audit", paramLabel = "FILE", description = "Also record every decision in this audit log.")
    Path audit;

    @Mixin
    AuditLogOptions auditOptions;

    @Option(names = "--media-root", paramLabel = "DIR",
            description = "Directory that media paths resolve against. Default: each input file's directory.")
    Path mediaRoot;

    @Option(names = "--color", defaultValue = "auto", description = "Colour the text output: auto (only on a terminal), always, never.")
    Colour colour;

    @Option(names = "--allow-degraded",
            description = "Exit 0 even when a plugin failed to load or start, no rules are loaded or the audit log failed "
                    + "(the reasons are still printed on standard error).")
    boolean allowDegraded;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Submission files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GreenlightBuilder builder = engine.builder();
        if (audit != null) {
            builder.auditLog(auditOptions.config(audit));
        }
        Tally tally = new Tally();
        List<String> degraded;
        try (Greenlight greenlight = builder.build()) {
            reportDegraded(Degraded.reasons(greenlight), err);
            DecisionText text = new DecisionText(ansi());
            SubmissionReader reader = new SubmissionReader();
            for (String file : files) {
                decideFile(file, reader, greenlight, text, tally, out, err);
            }
            degraded = Degraded.reasons(greenlight);
        } catch (AuditException e) {
            out.flush();
            err.println("greenlight: stopped: a decision could not be recorded, so it was not given: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (RuntimeException e) {
            return EngineFailures.report(e, err);
        } finally {
            out.flush();
        }
        err.println(tally.summary() + (degraded.isEmpty() ? "" : "; degraded: " + String.join("; ", degraded)));
        err.flush();
        boolean failed = tally.invalid > 0 || tally.unreadable > 0 || !degraded.isEmpty() && !allowDegraded;
        return failed ? ExitCodes.INVALID : ExitCodes.OK;
    }

    /** Says up front why the decisions that follow may not be what the rules mean (they still come). */
    private void reportDegraded(List<String> reasons, PrintWriter err) {
        for (String r : reasons) {
            err.println("greenlight: degraded: " + r + (allowDegraded ? "" : " (exit 1; --allow-degraded to accept)"));
        }
        err.flush();
    }

    private void decideFile(String file, SubmissionReader reader, Greenlight greenlight, DecisionText text,
                            Tally tally, PrintWriter out, PrintWriter err) {
        boolean stdin = "-".equals(file);
        String source = stdin ? "<stdin>" : file;
        Path root = mediaRoot != null ? mediaRoot
                : stdin ? Path.of("").toAbsolutePath() : Path.of(file).toAbsolutePath().getParent();
        try (InputStream in = stdin ? System.in : Files.newInputStream(Path.of(file))) {
            reader.readBatch(in, source, item -> {
                if (item instanceof BatchItem.Valid v) {
                    Decision d = greenlight.decide(v.submission(), root);
                    tally.count(d.verdict());
                    out.println(format == Format.json ? ModelJson.toJson(d) : text.format(d));
                } else if (item instanceof BatchItem.Invalid inv) {
                    tally.invalid++;
                    for (InputProblem p : inv.problems()) {
                        err.println(p);
                    }
                }
            });
        } catch (NoSuchFileException e) {
            tally.unreadable++;
            err.println(source + ": no such file");
        } catch (IOException e) {
            tally.unreadable++;
            err.println(source + ": cannot read: " + e.getMessage());
        }
    }

    private Ansi ansi() {
        return switch (colour) {
            case always -> Ansi.ON;
            case never -> Ansi.OFF;
            case auto -> format == Format.text && System.console() != null && System.getenv("NO_COLOR") == null
                    ? Ansi.AUTO : Ansi.OFF;
        };
    }

    /** Counts for the summary line. */
    private static final class Tally {
        final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        int invalid;
        int unreadable;

        void count(Verdict v) {
            verdicts.merge(v, 1, Integer::sum);
        }

        String summary() {
            int decided = verdicts.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder sb = new StringBuilder().append(decided).append(" decided (");
            for (Verdict v : Verdict.values()) {
                // conditional approvals only when there are any: a pack without conditions keeps its summary
                if (v == Verdict.APPROVE_WITH_CONDITIONS && !verdicts.containsKey(v)) {
                    continue;
                }
                sb.append(v.name()).append(' ').append(verdicts.getOrDefault(v, 0)).append(v == Verdict.REJECT ? "" : ", ");
            }
            sb.append("), ").append(invalid).append(" invalid");
            if (unreadable > 0) {
                sb.append(", ").append(unreadable).append(" unreadable");
            }
            return sb.toString();
        }
    }
}
