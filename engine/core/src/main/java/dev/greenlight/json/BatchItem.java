package dev.greenlight.json;

import dev.greenlight.model.Submission;
import java.util.List;

/** One item of a batch: a valid submission, or the problems of an invalid one, with its line. */
public sealed interface BatchItem {
    /** The 1-based line on which the item starts. */
    int line();

    /** A submission that met the contract. */
    record Valid(int line, Submission submission) implements BatchItem {
    }

    /** An item that did not; {@code problems} is never empty. */
    record Invalid(int line, List<InputProblem> problems) implements BatchItem {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
