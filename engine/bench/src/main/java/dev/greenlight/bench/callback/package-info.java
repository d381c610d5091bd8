/** How fast callbacks to the integrator drain the audit log: {@link dev.greenlight.bench.callback.CallbackBench}. */
package dev.greenlight.bench.callback;
