/**
 * Extensions packed into real plugin jars by {@link dev.greenlight.testing.PluginJars} for the
 * plugin-hosting tests. Deliberately not annotated with {@code @Extension}: the jar builder writes
 * the extension index itself, so these classes never register from the test classpath.
 */
package dev.greenlight.testplugins;
