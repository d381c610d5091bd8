package dev.greenlight.ship.postgres.desk;

/**
 * The review desk's database failed an operation (unreachable, refused the statement, or holds a row
 * the desk cannot read). The message names the operation and the case or queue; the cause is the
 * driver's exception. Nothing was changed by the operation that failed: its transaction was rolled
 * back. Unchecked, like every failure of the {@link dev.greenlight.desk.spi.CaseStore} contract.
 */
public class CaseStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
