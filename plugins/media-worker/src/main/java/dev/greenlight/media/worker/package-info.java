/**
 * Worker processes for FFmpeg: a plugin that reads untrusted media in native code does it through
 * a {@link dev.greenlight.media.worker.WorkerPool} of child JVMs ({@link dev.greenlight.media.worker.WorkerMain})
 * started with the plugin's own class path, with a heap limit, a resident-memory watch and the
 * call's deadline. A crash, hang or memory blow-up becomes a {@link dev.greenlight.media.worker.WorkerFailure}
 * for that one call, and the worker is replaced. The work itself is a
 * {@link dev.greenlight.media.worker.WorkerTask} the plugin registers as a service.
 *
 * <p>Not a plugin: each media plugin bundles its own copy in its plugin jar.
 */
package dev.greenlight.media.worker;
