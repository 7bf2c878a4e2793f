package org.bangban.evaluation;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The evaluation store contract on the machine's real PostgreSQL: one fresh database per run, emptied before each
 * test. Fails, never skips, when PostgreSQL is down.
 */
class PostgresEvaluationsTest extends EvaluationsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
