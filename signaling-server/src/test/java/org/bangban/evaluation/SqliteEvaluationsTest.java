package org.bangban.evaluation;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The evaluation store contract on a real SQLite file. */
class SqliteEvaluationsTest extends EvaluationsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
