/**
 * Extension points for Greenlight plugins (PF4J). A plugin depends on {@code greenlight-api} with
 * {@code provided} scope and implements one or both of:
 * <ul>
 *   <li>{@link dev.greenlight.spi.SignalProvider}: looks at a submission and returns evidence;</li>
 *   <li>{@link dev.greenlight.spi.DecisionSink}: receives every decision after it is recorded.</li>
 * </ul>
 * Plugins produce evidence; rules decide. A plugin never sees the verdict before it is made and
 * cannot change it.
 */
package dev.greenlight.spi;
