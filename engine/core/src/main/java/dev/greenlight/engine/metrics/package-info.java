/**
 * Metrics of the engine through Micrometer: {@link dev.greenlight.engine.metrics.MicrometerListener},
 * attached with {@code Greenlight.builder().meterRegistry(registry)}. Micrometer is an optional
 * dependency of the engine: nothing here is loaded unless a registry is attached.
 */
package dev.greenlight.engine.metrics;
