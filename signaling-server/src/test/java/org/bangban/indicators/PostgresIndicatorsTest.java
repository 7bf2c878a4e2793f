package org.bangban.indicators;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The indicators of the known data set on the machine's real PostgreSQL (a fresh database, emptied per test). */
class PostgresIndicatorsTest extends IndicatorsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
