/**
 * The review desk's storage SPI: {@link dev.greenlight.desk.spi.CaseStore}, for a store other than
 * the in-memory one (e.g. PostgreSQL shared by several servers). Its contract is in the interface's
 * documentation; the audit log stays the system of record either way.
 */
package dev.greenlight.desk.spi;
