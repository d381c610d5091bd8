package dev.greenlight.cli;

import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.engine.Greenlight;
import java.nio.file.Path;

/**
 * {@code serve}'s review desk options, read and checked before the engine starts, so that a bad
 * users file or desk settings file stops the server at once (exit 2) instead of after it has bound
 * its port: {@code --users FILE} turns the desk on, {@code --desk-config FILE} tunes it,
 * {@code --no-desk} keeps it off. The desk needs the audit log: it is the system of record.
 */
final class DeskSetup {
    private final Accounts accounts;
    private final DeskConfig config;

    private DeskSetup(Accounts accounts, DeskConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    /**
     * Reads the files the options name.
     *
     * @throws IllegalArgumentException naming the option, and the file and line where there is one
     */
    static DeskSetup read(Path usersFile, Path deskConfigFile, boolean deskOn, boolean hasAudit) {
        if (usersFile == null || !deskOn) {
            if (deskConfigFile != null && deskOn) {
                throw new IllegalArgumentException("--desk-config needs --users FILE: the review desk is on only with a users file");
            }
            return new DeskSetup(null, null);
        }
        if (!hasAudit) {
            throw new IllegalArgumentException("the review desk (--users) needs --audit FILE: the audit log is its system of record");
        }
        Accounts accounts;
        try {
            accounts = Accounts.load(usersFile);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--users: " + e.getMessage(), e);
        }
        DeskConfig config;
        try {
            config = deskConfigFile == null ? DeskConfig.defaults() : DeskConfig.load(deskConfigFile);
        } catch (DeskException e) {
            throw new IllegalArgumentException("--desk-config: " + e.getMessage(), e);
        }
        return new DeskSetup(accounts, config);
    }

    /** The accounts, or null when the desk is off. */
    Accounts accounts() {
        return accounts;
    }

    /** The desk over {@code engine}'s audit log (rebuilt in one read), or null when the desk is off. */
    ReviewDesk open(Greenlight engine) {
        return open(engine, null);
    }

    /**
     * As {@link #open(Greenlight)}; with {@code shared} (a store several serve nodes share, --desk-db)
     * the desk keeps its cases there and offers it only what it does not hold yet.
     */
    ReviewDesk open(Greenlight engine, CaseStore shared) {
        if (accounts == null) {
            return null;
        }
        return shared == null ? ReviewDesk.open(engine, config) : ReviewDesk.openShared(engine, config, shared);
    }
}
