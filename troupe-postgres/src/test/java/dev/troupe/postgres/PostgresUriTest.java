package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUriTest {

    @Test
    void translatesAFullUri() {
        PostgresUri uri = PostgresUri.parse("postgresql://troupe:s3cret@db.example.com:6543/actors");

        assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/actors");
        assertThat(uri.user()).isEqualTo("troupe");
        assertThat(uri.password()).isEqualTo("s3cret");
    }

    @Test
    void acceptsThePostgresSchemeAndNoCredentialsOrPort() {
        PostgresUri uri = PostgresUri.parse("postgres://localhost/actors");

        assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/actors");
        assertThat(uri.user()).isNull();
        assertThat(uri.password()).isNull();
    }

    @Test
    void acceptsAUserWithoutPassword() {
        PostgresUri uri = PostgresUri.parse("postgresql://troupe@localhost:5432/actors");

        assertThat(uri.user()).isEqualTo("troupe");
        assertThat(uri.password()).isNull();
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsPlusLiteral() {
        PostgresUri uri = PostgresUri.parse("postgresql://us%40er:p%3Aa%2Fss+word%40@localhost/actors");

        assertThat(uri.user()).isEqualTo("us@er");
        assertThat(uri.password()).isEqualTo("p:a/ss+word@");
    }

    @Test
    void passesQueryParametersAndSeveralHostsThrough() {
        PostgresUri uri = PostgresUri.parse(
                "postgresql://u:p@host1:5432,[::1]:5433/actors?sslmode=require&currentSchema=troupe");

        assertThat(uri.jdbcUrl())
                .isEqualTo("jdbc:postgresql://host1:5432,[::1]:5433/actors?sslmode=require&currentSchema=troupe");
    }

    @Test
    void reEncodesTheDatabaseNameForTheDriver() {
        PostgresUri uri = PostgresUri.parse("postgresql://localhost/my%20db+1");

        assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/my%20db%2B1");
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> PostgresUri.parse("mysql://u:secret@localhost/actors"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PostgreSQL URI")
                .hasMessageNotContaining("secret");
    }

    @Test
    void refusesAUriWithoutHost() {
        assertThatThrownBy(() -> PostgresUri.parse("postgresql://u:p@/actors"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a host");
    }

    @Test
    void refusesAUriWithoutDatabase() {
        assertThatThrownBy(() -> PostgresUri.parse("postgresql://localhost:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a database");
        assertThatThrownBy(() -> PostgresUri.parse("postgresql://localhost:5432/?sslmode=disable"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a database");
    }

    @Test
    void refusesBadPercentEncoding() {
        assertThatThrownBy(() -> PostgresUri.parse("postgresql://u:%zz@localhost/actors"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("%zz");
    }

    @Test
    void neverShowsThePassword() {
        PostgresUri uri = PostgresUri.parse("postgresql://troupe:s3cret@localhost/actors");

        assertThat(uri.toString()).doesNotContain("s3cret").contains("troupe", "****");
    }
}
