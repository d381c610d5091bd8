package dev.greenlight.plugins.promptscreen;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import dev.greenlight.spi.SignalProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds policy terms in a submission's prompt, title and description, and words that mix writing
 * systems; emits {@code prompt.term} and {@code prompt.mixed-script} signals (names, categories and
 * attributes in the module README).
 *
 * <p>{@link #start} loads the bundled term lists and those of the plugin's data directory
 * ({@code <data dir>/terms/*.txt}) and compiles them; it throws {@link TermListException} naming the
 * file and line of a bad term file, and {@link IllegalArgumentException} for a malformed setting.
 * {@link #analyse} is thread-safe, allocation-light and never returns {@code null}; it throws
 * {@link IllegalStateException} when called before a successful {@code start}. A later
 * {@code start} replaces the lists atomically: calls in flight finish with the old ones.
 */
@Extension
public final class PromptScreen implements SignalProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PromptScreen.class);

    private final TextNormalizer normalizer = new TextNormalizer();
    private volatile FieldScreener screener;

    /** Creates an unstarted provider; the engine calls {@link #start} before {@link #analyse}. */
    public PromptScreen() {
    }

    @Override
    public void start(PluginContext context) {
        Objects.requireNonNull(context, "context");
        ScreenSettings settings = ScreenSettings.from(context.settings(), context.dataDirectory());
        TermLists lists = TermLists.load(normalizer, context.dataDirectory(), settings.replaceDefaults(), settings.termDirectories());
        TermMatcher matcher = TermMatcher.compile(lists.terms());
        screener = new FieldScreener(normalizer, matcher, new MixedScriptDetector(), settings);
        LOG.info("prompt-screen: {} terms in {} categories{}", lists.terms().size(), lists.categories(),
                settings.replaceDefaults() ? " (bundled lists replaced)" : "");
    }


    /** Every signal name {@link #analyse} can return; rules read them, validate checks them. */
    @Override
    public Set<String> signalNames() {
        return Set.of(FieldScreener.TERM_SIGNAL, FieldScreener.MIXED_SCRIPT_SIGNAL);
    }

    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        Objects.requireNonNull(submission, "submission");
        FieldScreener current = screener;
        if (current == null) {
            throw new IllegalStateException("prompt-screen has not been started: start(PluginContext) must succeed before analyse");
        }
        List<Signal> signals = new ArrayList<>();
        current.screen("prompt", submission.getPrompt(), signals);
        current.screen("title", submission.getTitle(), signals);
        current.screen("description", submission.getDescription(), signals);
        return List.copyOf(new LinkedHashSet<>(signals));
    }
}
