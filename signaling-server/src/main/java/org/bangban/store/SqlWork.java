package org.bangban.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on one connection, run by {@link RecordStore#read} or {@link RecordStore#write}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
