package dev.greenlight.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.RuleProblem.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy pack's conventions, for packs that keep a policy catalogue ({@code catalogue.yaml} at the
 * root: the pack opts in by having one): every policy id a rule votes under has a public title and text
 * in the catalogue; every message an artist reads is short and free of rule names, signal names, plugin
 * names and engine jargon; every area (a top-level folder with rules) has test cases. All are
 * warnings ({@code validate --strict} fails on them). Stateless and thread-safe; never throws for a
 * malformed catalogue (that is a warning too).
 */
public final class PackConventions {
    /** The catalogue file, at the root of the rules. */
    public static final String CATALOGUE = "catalogue.yaml";
    /** The longest message, in characters of its fixed text, that an artist reads at a glance. */
    static final int MAX_MESSAGE = 240;
    /** Words of the engine and of policy code, not of the artist's world. */
    static final List<String> JARGON = List.of("signal", "plugin", "verdict", "@policy", "drl", "intendedUse",
            "submitter", "mediaIndex", "durationSeconds", "shortSide", "attribute(", "escalate", "null");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern POLICY = Pattern.compile("@policy\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern VOTE = Pattern.compile("\\bverdict\\s*\\.\\s*(reject|escalate|approve|approveWith)\\s*\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private PackConventions() {
    }

    /**
     * The conventions' warnings for a whole rules tree (every file by relative path), given the rule
     * names and the signal and plugin names that messages must not mention.
     */
    public static List<RuleProblem> check(Map<String, byte[]> tree, Set<String> signalNames, Set<String> pluginIds) {
        List<RuleProblem> out = new ArrayList<>();
        byte[] catalogueBytes = tree.get(CATALOGUE);
        if (catalogueBytes == null) {
            return out;
        }
        Map<String, Integer> catalogue = catalogue(catalogueBytes, out);
        Map<String, String> drl = new LinkedHashMap<>();
        tree.forEach((path, bytes) -> {
            if (path.toLowerCase(Locale.ROOT).endsWith(".drl")) {
                drl.put(path, new String(bytes, StandardCharsets.UTF_8));
            }
        });
        Set<String> ruleNames = new TreeSet<>();
        drl.values().forEach(src -> {
            Matcher m = RULE.matcher(src);
            while (m.find()) {
                ruleNames.add(m.group(1));
            }
        });
        Set<String> forbidden = new TreeSet<>(ruleNames);
        forbidden.addAll(signalNames);
        forbidden.addAll(pluginIds);
        Set<String> used = new TreeSet<>();
        drl.forEach((path, src) -> {
            SourceText s = new SourceText(src);
            policyIds(path, s, catalogue, used, out);
            messages(path, s, forbidden, out);
        });
        Vocabulary vocabulary = Vocabulary.fromTree(tree);
        if (!vocabulary.fields().isEmpty()) {
            used.add(vocabulary.policy());
            if (!catalogue.containsKey(vocabulary.policy())) {
                out.add(new RuleProblem(Vocabulary.FILE, 1, 1, "policy id " + vocabulary.policy() + " (the vocabulary's) has "
                        + "no entry in " + CATALOGUE + "; add its public title and text", Severity.WARNING));
            }
        }
        catalogue.forEach((id, line) -> {
            if (!used.contains(id)) {
                out.add(new RuleProblem(CATALOGUE, line, 3, "policy " + id + " is in the catalogue but no rule votes under it",
                        Severity.WARNING));
            }
        });
        areasHaveCases(tree, out);
        return out;
    }

    /** Policy ids by the line they are listed on; problems with an entry go to {@code out}. */
    private static Map<String, Integer> catalogue(byte[] bytes, List<RuleProblem> out) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            out.add(new RuleProblem(CATALOGUE, 1, 1, "cannot read the catalogue: " + e.getMessage().lines().findFirst().orElse(""),
                    Severity.WARNING));
            return ids;
        }
        if (root == null || !root.path("policies").isObject()) {
            out.add(new RuleProblem(CATALOGUE, 1, 1, "the catalogue is a map 'policies' of id: {title, text}", Severity.WARNING));
            return ids;
        }
        root.path("policies").fields().forEachRemaining(e -> {
            int line = 1;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith(e.getKey() + ":")) {
                    line = i + 1;
                    break;
                }
            }
            ids.put(e.getKey(), line);
            if (e.getValue().path("title").asText("").isBlank() || e.getValue().path("text").asText("").isBlank()) {
                out.add(new RuleProblem(CATALOGUE, line, 3, "policy " + e.getKey() + " needs a public title and text",
                        Severity.WARNING));
            }
        });
        return ids;
    }

    private static void policyIds(String path, SourceText s, Map<String, Integer> catalogue, Set<String> used,
                                  List<RuleProblem> out) {
        Matcher m = POLICY.matcher(s.text);
        while (m.find()) {
            String id = m.group(1).strip();
            used.add(id);
            if (!id.isEmpty() && !catalogue.containsKey(id)) {
                out.add(new RuleProblem(path, s.line(m.start(1)), s.column(m.start(1)), "policy id " + id + " has no entry in "
                        + CATALOGUE + "; add its public title and text (the review desk shows them)", Severity.WARNING));
            }
        }
    }

    /** The fixed text of each vote's message: short, and in the artist's words. */
    private static void messages(String path, SourceText s, Set<String> forbidden, List<RuleProblem> out) {
        Matcher vote = VOTE.matcher(s.text);
        while (vote.find()) {
            int end = s.closingParen(vote.end());
            Matcher lit = LITERAL.matcher(s.text.substring(vote.end(), end));
            if (vote.group(1).equals("approveWith") && !lit.find()) {
                continue; // the condition id comes first; the message (what the artist reads) after it
            }
            StringBuilder text = new StringBuilder();
            int first = -1;
            while (lit.find()) {
                first = first < 0 ? vote.end() + lit.start() : first;
                text.append(lit.group(1));
            }
            if (first < 0) {
                continue;
            }
            int line = s.line(first);
            int column = s.column(first);
            String message = text.toString();
            if (message.length() > MAX_MESSAGE) {
                out.add(new RuleProblem(path, line, column, "this message is " + message.length() + " characters; keep what "
                        + "the artist reads under " + MAX_MESSAGE, Severity.WARNING));
            }
            String lower = message.toLowerCase(Locale.ROOT);
            for (String word : forbidden) {
                if (containsWord(lower, word.toLowerCase(Locale.ROOT))) {
                    out.add(new RuleProblem(path, line, column, "this message names '" + word + "', a rule, signal or plugin "
                            + "name the artist does not know; say what is wrong with their work instead", Severity.WARNING));
                }
            }
            for (String word : JARGON) {
                if (containsWord(lower, word.toLowerCase(Locale.ROOT))) {
                    out.add(new RuleProblem(path, line, column, "this message uses '" + word + "', which is engine or policy "
                            + "jargon; write it in the artist's words", Severity.WARNING));
                }
            }
        }
    }

    private static boolean containsWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            int after = at + word.length();
            boolean endOk = after >= text.length() || !Character.isLetterOrDigit(text.charAt(after))
                    || !Character.isLetterOrDigit(word.charAt(word.length() - 1));
            if (startOk && endOk) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }

    /** Every top-level folder that holds rules also holds a case file. */
    private static void areasHaveCases(Map<String, byte[]> tree, List<RuleProblem> out) {
        Map<String, String> firstRuleFile = new LinkedHashMap<>();
        Set<String> withCases = new TreeSet<>();
        for (String path : tree.keySet()) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String area = path.substring(0, slash);
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (name.endsWith("_test.yaml") || name.endsWith("_test.yml") || name.endsWith("_test.json")) {
                withCases.add(area);
            } else if (RuleFiles.isRuleSource(name)) {
                firstRuleFile.putIfAbsent(area, path);
            }
        }
        firstRuleFile.forEach((area, file) -> {
            if (!withCases.contains(area)) {
                out.add(new RuleProblem(file, 1, 1, "area '" + area + "' has no test cases; add " + area + "/" + area
                        + "_test.yaml (rules/README.md, \"Test cases\")", Severity.WARNING));
            }
        });
    }
}
