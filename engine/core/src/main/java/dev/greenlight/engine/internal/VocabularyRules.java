package dev.greenlight.engine.internal;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DRL that makes a vocabulary fail closed: for each closed field, one rule that escalates a
 * submission carrying a value the vocabulary does not list, with a message that names the value (an
 * unknown programme would otherwise match no limit and be approved by the base rule). Generated, not
 * written by hand, so that the vocabulary stays the one place the values are declared. Stateless.
 */
final class VocabularyRules {
    /** The package of the generated rules. */
    static final String PACKAGE = "greenlight.vocabulary";

    private VocabularyRules() {
    }

    /** The rule name that closes {@code field}. */
    static String ruleName(String field) {
        return switch (field) {
            case "submitter.program" -> "unknown-programme";
            case "intendedUse" -> "unknown-intended-use";
            case "media.type" -> "unknown-media-type";
            case "submitter.roles" -> "unknown-role";
            case "tags" -> "unknown-tag";
            case "attributes" -> "unknown-attribute";
            default -> throw new IllegalArgumentException("not a closable field: " + field);
        };
    }

    static String toDrl(Vocabulary v) {
        StringBuilder sb = new StringBuilder("package " + PACKAGE + ";\n\nimport dev.greenlight.model.*;\n\n"
                + "global Votes verdict;\n");
        for (Map.Entry<String, Set<String>> e : v.fields().entrySet()) {
            String f = e.getKey();
            String notIn = e.getValue().isEmpty() ? "" : "this not in (" + list(e.getValue()) + ")";
            String when = switch (f) {
                case "submitter.program" -> "$s : Submission( " + (notIn.isEmpty() ? "" : "submitter.program not in ("
                        + list(e.getValue()) + ")") + " )\n    $v : String() from $s.getSubmitter().getProgram()";
                case "intendedUse" -> "$s : Submission( " + (notIn.isEmpty() ? "" : "intendedUse not in ("
                        + list(e.getValue()) + ")") + " )\n    $v : String() from $s.getIntendedUse()";
                case "media.type" -> "$m : Media( " + (notIn.isEmpty() ? "" : "type not in (" + list(e.getValue()) + ")")
                        + " )\n    $v : String() from $m.getType()";
                case "submitter.roles" -> "$s : Submission()\n    $v : String( " + notIn + " ) from $s.getSubmitter().getRoles()";
                case "tags" -> "$s : Submission()\n    $v : String( " + notIn + " ) from $s.getTags()";
                default -> "$s : Submission()\n    $v : String( " + notIn + " ) from $s.getAttributes().keySet()";
            };
            sb.append("\nrule \"").append(ruleName(f)).append("\"\n    @policy(\"").append(v.policy()).append("\")\nwhen\n    ")
                    .append(when).append("\nthen\n    verdict.escalate(").append(message(f)).append(");\nend\n");
        }
        return sb.toString();
    }

    /** What the artist reads: the value, quoted, and that a person will look (never field names). */
    private static String message(String field) {
        String what = switch (field) {
            case "submitter.program" -> "The programme";
            case "intendedUse" -> "The intended use";
            case "media.type" -> "The media type";
            case "submitter.roles" -> "The account role";
            case "tags" -> "The tag";
            default -> "The detail";
        };
        return "\"" + what + " \\\"\" + $v + \"\\\" is not one we recognise, so a reviewer will check this work before it "
                + "can be shared.\"";
    }

    private static String list(Set<String> values) {
        return values.stream().map(VocabularyRules::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
