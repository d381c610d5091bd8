/**
 * The Greenlight model: what a submission holds, what plugins report about it, and what the engine
 * decides. These are also the facts and the global that Drools rules see (docs/contract.md §3).
 *
 * <p>Every type here is immutable and safe to share between threads, except {@link Votes}, which
 * is handed to the rules of one evaluation only. Getters never return {@code null} for optional
 * objects and collections (an absent {@code provenance} reads as both flags false, absent strings
 * as empty); absent media numbers are {@code null}, so rules test them.
 */
package dev.greenlight.model;
