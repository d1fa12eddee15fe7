package dev.orders.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {

    private static final String SELECT = "SELECT v FROM t WHERE k = ?";

    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = StatementCache.caching(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db")));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t VALUES ('a', 'A'), ('b', 'B')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static PreparedStatement underlying(PreparedStatement cached) throws SQLException {
        return cached.unwrap(PreparedStatement.class);
    }

    private String value(PreparedStatement s, String key) throws SQLException {
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void a_closed_statement_is_handed_out_again_for_the_same_sql() throws SQLException {
        PreparedStatement first = connection.prepareStatement(SELECT);
        PreparedStatement kept = underlying(first);
        assertThat(value(first, "a")).isEqualTo("A");
        first.close();

        try (PreparedStatement second = connection.prepareStatement(SELECT)) {
            assertThat(underlying(second)).isSameAs(kept);
            assertThat(value(second, "b")).isEqualTo("B");
        }
    }

    @Test
    void a_statement_in_use_is_never_handed_out_twice() throws SQLException {
        try (PreparedStatement outer = connection.prepareStatement(SELECT);
                PreparedStatement inner = connection.prepareStatement(SELECT)) {
            assertThat(underlying(inner)).isNotSameAs(underlying(outer));
            outer.setString(1, "a");
            try (ResultSet rs = outer.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(value(inner, "b")).isEqualTo("B");
                assertThat(rs.getString(1)).isEqualTo("A");
            }
        }
    }

    @Test
    void a_statement_given_back_with_its_result_open_and_parameters_bound_starts_clean() throws SQLException {
        PreparedStatement first = connection.prepareStatement(SELECT);
        first.setString(1, "a");
        ResultSet left = first.executeQuery();
        assertThat(left.next()).isTrue();
        first.close();

        try (PreparedStatement second = connection.prepareStatement(SELECT);
                ResultSet rs = second.executeQuery()) {
            // the parameter bound before is cleared: NULL matches no key
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void a_closed_statement_refuses_use_and_closing_it_twice_is_harmless() throws SQLException {
        PreparedStatement s = connection.prepareStatement(SELECT);
        s.close();
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(() -> s.setString(1, "a")).isInstanceOf(SQLException.class);
    }

    @Test
    void closing_the_connection_closes_every_statement_it_kept() throws SQLException {
        PreparedStatement s = connection.prepareStatement(SELECT);
        PreparedStatement kept = underlying(s);
        s.close();
        assertThat(kept.isClosed()).isFalse();

        connection.close();

        assertThat(kept.isClosed()).isTrue();
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void writes_through_kept_statements_are_applied_each_time() throws SQLException {
        for (int i = 0; i < 3; i++) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setString(1, "k" + i);
                insert.setString(2, "v" + i);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM t");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }
}
