package org.shardkit.testing.internal;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Builds non-pooling pgjdbc data sources. Thread-safe. */
public final class PgDataSources {
    private PgDataSources() {}

    /**
     * Returns a data source for a URL and credentials.
     *
     * @param jdbcUrl the JDBC URL
     * @param user the user
     * @param password the password, empty for none
     * @return a data source that opens a new connection on each call
     */
    public static DataSource of(String jdbcUrl, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        if (!password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setConnectTimeout(5);
        ds.setLoginTimeout(5);
        return ds;
    }
}
