package dev.greenlight.spi;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Looks at a submission (and its media files) and returns evidence as {@link Signal}s.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} is called once, before any {@link #analyse} call, with the plugin's
 *       settings; load term lists, banks and other state there. Throwing from it marks the plugin
 *       failed: it is reported and skipped, other plugins still run.</li>
 *   <li>{@link #analyse} is called from many threads at once: implementations must be thread-safe
 *       and should keep no per-call state in fields.</li>
 *   <li>It must not decide (rules do that), must not write files, and should return promptly: the
 *       engine waits until the {@linkplain AnalysisContext#deadline() deadline} and then records a
 *       timeout. An exception, an error or a timeout turns into a {@code plugin.error} signal and an
 *       {@code ESCALATE} decision — never an approval.</li>
 *   <li>It returns an empty list when it has nothing to say, never {@code null}. The engine sets
 *       each signal's {@code source} to the plugin's id.</li>
 * </ul>
 */
public interface SignalProvider extends ExtensionPoint {

    /** Prepares the provider; called once per plugin start. The default does nothing. */
    default void start(PluginContext context) {
    }

    /**
     * Whether this submission holds anything for the provider to look at (e.g. a media file with a
     * path). Returning {@code false} skips the call entirely, so a provider that only reads media costs
     * nothing on text-only submissions. Must be cheap and must not throw (a provider whose check
     * throws is called anyway). The default is {@code true}.
     */
    default boolean wants(Submission submission) {
        return true;
    }

    /**
     * The names of the signals this provider may emit ({@code prompt.term}, {@code media.info} …), so that
     * the engine can tell a rule that reads a name no loaded plugin emits (usually a typo, and a rule that
     * then never fires) from one that reads a real signal. Must list every name {@link #analyse} can return
     * and be constant for the provider's life; it may be called before {@link #start}. The empty default
     * means "undeclared": the engine then cannot check rules against this plugin and says so in
     * {@code greenlight validate}. Never {@code null}.
     */
    default Set<String> signalNames() {
        return Set.of();
    }

    /** The evidence found in {@code submission}; never {@code null}. */
    List<Signal> analyse(Submission submission, AnalysisContext context);
}
