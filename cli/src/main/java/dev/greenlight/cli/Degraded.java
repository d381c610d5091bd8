package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.host.PluginStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why an engine decides worse than its rules mean, in words: a plugin that failed to load or start
 * (decisions that need it escalate), no rules loaded (every decision gets the default verdict), an
 * audit log that failed. The same conditions turn the server's readiness DOWN. Stateless.
 */
final class Degraded {
    private Degraded() {
    }

    /** The reasons, empty when nothing degrades {@code engine}'s decisions. */
    static List<String> reasons(Greenlight engine) {
        List<String> reasons = new ArrayList<>();
        for (PluginStatus p : engine.plugins()) {
            if (!PluginStatus.STARTED.equals(p.state())) {
                reasons.add("plugin " + p.id() + " " + p.state().toLowerCase(Locale.ROOT) + ": " + p.problem());
            }
        }
        if (engine.ruleCount() == 0) {
            reasons.add("no rules are loaded: every decision gets the default verdict");
        }
        engine.auditFailure().ifPresent(f -> reasons.add("the audit log failed: " + f));
        return reasons;
    }
}
