/** Engine internals: rule compilation and evaluation, ids. Not API. */
package dev.greenlight.engine.internal;
