package org.bangban.indicators;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The indicators of the known data set on a real SQLite file. */
class SqliteIndicatorsTest extends IndicatorsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
