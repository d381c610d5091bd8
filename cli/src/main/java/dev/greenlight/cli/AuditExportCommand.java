package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.audit.AuditException;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.Review;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greenlight audit export --format dsa-sor}: a statement of reasons (JSON Lines) for every
 * logged decision whose final verdict restricts the work, for the EU DSA Transparency Database.
 * Streams: two reads of the log, holding only the reviews in memory, never the decisions.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Exports statements of reasons for the EU DSA Transparency Database.",
        description = {"Writes one JSON object a line, in the Transparency Database's statement fields, for every logged",
            "decision that matches the filters and whose final verdict (after review) refuses publication.",
            "No personal data: no submitter, prompt, title, reviewer or note. Errors go to standard error;",
            "the other decisions are still exported (exit 1)."})
final class AuditExportCommand implements Callable<Integer> {
    enum Format { dsa_sor }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Mixin
    AuditQuery query;

    @Option(names = "--format", required = true, converter = FormatConverter.class,
            description = "dsa-sor (statements of reasons for the EU DSA Transparency Database).")
    Format format;

    @Option(names = "--policy-url", paramLabel = "URL",
            description = "Public address of the policy pages (e.g. https://greenlight.example.org/): each statement's "
                    + "decision_ground_reference_url is URL/policies/<id>.")
    String policyUrl;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AuditLogFile.exists(file, err)) {
            return ExitCodes.CONFIG;
        }
        String base = policyUrl == null ? null : policyUrl.endsWith("/") ? policyUrl : policyUrl + "/";
        try {
            Map<String, List<Review>> reviews = AuditQuery.reviews(file);
            Map<String, DsaStatement.Settled> settled = settled();
            int[] problems = new int[1];
            AuditReader.read(file, rec -> {
                if (!query.matches(rec, reviews)) {
                    return;
                }
                try {
                    JsonNode submission = JSON.readTree(rec.member("submission"));
                    DsaStatement.of(rec.decision(), submission, settled.get(rec.decisionId()), base)
                            .ifPresent(s -> out.println(ModelJson.write(s)));
                } catch (IOException | RuntimeException e) {
                    problems[0]++;
                    err.println(rec.place() + ": record seq " + rec.seq() + ": cannot export: " + e.getMessage());
                }
            });
            out.flush();
            return problems[0] == 0 ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (IOException | AuditException e) {
            err.println("greenlight: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }

    /**
     * The last review of each reviewed decision, with the desk's policy and message for the artist
     * when the record carries them; an ESCALATE to a lead leaves the decision unsettled.
     */
    private Map<String, DsaStatement.Settled> settled() throws IOException {
        Map<String, DsaStatement.Settled> out = new HashMap<>();
        AuditReader.read(file, rec -> {
            if (!rec.isReview()) {
                return;
            }
            try {
                JsonNode r = JSON.readTree(rec.member("review"));
                Verdict v = Verdict.parse(r.path("verdict").asText());
                out.put(r.path("decisionId").asText(), new DsaStatement.Settled(v, Instant.parse(r.path("reviewedAt").asText()),
                        r.path("policy").asText(""), r.path("artistMessage").asText("")));
            } catch (IOException | RuntimeException e) {
                throw new AuditException(rec.place() + ": review record seq " + rec.seq() + " cannot be read: " + e.getMessage(), e);
            }
        });
        return out;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            if (value.equals("dsa-sor")) {
                return Format.dsa_sor;
            }
            throw new CommandLine.TypeConversionException("unknown format " + value + " (expected dsa-sor)");
        }
    }
}
