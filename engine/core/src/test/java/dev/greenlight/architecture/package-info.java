/** Tests of the engine's shape: its package layers, and who may use its internals. */
package dev.greenlight.architecture;
