package dev.greenlight.ship.postgres;

/**
 * PostgreSQL already holds, under a record's (log id, seq), a record with another hash, or the
 * records would leave a gap: the copy and the log disagree. Nothing of the batch is stored; the
 * shipper keeps retrying (and lagging) until someone looks, so the disagreement is never papered over.
 */
public final class ShipConflictException extends Exception {
    public ShipConflictException(String message) {
        super(message);
    }
}
