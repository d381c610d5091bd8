package dev.greenlight.json;

import java.util.List;

/** A submission that does not meet docs/contract.md §1; {@link #problems()} lists every problem found. */
public final class InvalidSubmissionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<InputProblem> problems;

    public InvalidSubmissionException(List<InputProblem> problems) {
        super(problems.isEmpty() ? "invalid submission" : summary(problems));
        this.problems = List.copyOf(problems);
    }

    private static String summary(List<InputProblem> problems) {
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }

    /** Every problem found, in document order; never empty. */
    public List<InputProblem> problems() {
        return problems;
    }
}
