package dev.greenlight.desk;

/**
 * Hears every recorded change of a case, once its audit record is durable: a case opened (by an
 * ESCALATE decision or an appeal), joined by a resubmission, moved to the lead queue, or closed with
 * its final verdict. For callbacks to integrators and live pages ({@link ReviewDesk#addListener}).
 * Claims, releases and lapsed leases are not recorded and not told.
 *
 * <p>Contract: called on the thread that made the change, after it is stored, concurrently for
 * different cases; must be fast, thread-safe, and must not throw (what it throws is logged and
 * ignored). Not called while the desk is rebuilt from the log.
 */
@FunctionalInterface
public interface DeskListener {
    /** {@code c} as it is after the change. */
    void caseChanged(Case c);
}
