/**
 * The {@code prompt-screen} plugin: finds policy terms (public figures, trademarked characters,
 * sexual content, minors, violence, self-harm, deceptive realism, extremism, brands) in a
 * submission's prompt, title and description, through Unicode and leetspeak disguises, and reports
 * words that mix writing systems.
 *
 * <p>{@link dev.greenlight.plugins.promptscreen.PromptScreen} is the extension the engine runs;
 * {@link dev.greenlight.plugins.promptscreen.TextNormalizer} is public so that fuzzers and tools can
 * exercise the normalisation on its own. Everything else is package-private: one class per job
 * (folding a code point, normalising a text, parsing term files, Aho–Corasick matching, mixed-script
 * detection).
 */
package dev.greenlight.plugins.promptscreen;
