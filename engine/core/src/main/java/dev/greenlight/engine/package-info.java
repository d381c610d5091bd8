/**
 * The engine servers embed: {@link dev.greenlight.engine.Greenlight}, built once with
 * {@link dev.greenlight.engine.Greenlight#builder()} and shared across threads. Everything under
 * {@code internal} is not API and may change without notice.
 */
package dev.greenlight.engine;
