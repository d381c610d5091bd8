/**
 * {@code greenlight serve}: the HTTP JSON service in front of an engine, on Jetty 12's core
 * handlers. {@link dev.greenlight.cli.server.GreenlightServer} is the server;
 * {@link dev.greenlight.cli.server.LoadClient} is the load generator used to measure it.
 */
package dev.greenlight.cli.server;
