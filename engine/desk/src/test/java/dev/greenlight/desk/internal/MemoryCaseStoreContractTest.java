package dev.greenlight.desk.internal;

import dev.greenlight.desk.spi.CaseStore;
import dev.greenlight.desk.spi.CaseStoreContract;

/** The in-memory store keeps the {@link CaseStore} contract. */
class MemoryCaseStoreContractTest extends CaseStoreContract {
    @Override
    protected CaseStore newStore() {
        return new MemoryCaseStore();
    }
}
