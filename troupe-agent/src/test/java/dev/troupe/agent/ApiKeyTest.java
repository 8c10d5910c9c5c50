package dev.troupe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.TroupeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys come from a secret file or the environment, refuse to be missing, and never show themselves. */
class ApiKeyTest {

    @Test
    void fromFile_readsTheKeyWithoutSurroundingWhitespace_andHidesIt(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("anthropic"), "  sk-ant-file-key\n");

        ApiKey key = ApiKey.fromFile(secret);

        assertThat(key.reveal()).isEqualTo("sk-ant-file-key");
        assertThat(key.toString()).doesNotContain("sk-ant-file-key").contains(secret.toString());
        assertThat(key.source()).isEqualTo("file " + secret);
    }

    @Test
    void fromFile_missingOrBlank_isAConfigurationError(@TempDir Path dir) throws Exception {
        Path blank = Files.writeString(dir.resolve("blank"), " \n");

        assertThatThrownBy(() -> ApiKey.fromFile(dir.resolve("absent"))).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo("config/invalid_registration"));
        assertThatThrownBy(() -> ApiKey.fromFile(blank)).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.getMessage()).contains("no API key in the file"));
    }

    @Test
    void fromEnvironment_unset_namesTheVariable() {
        assertThatThrownBy(() -> ApiKey.fromEnvironment("TROUPE_TEST_SURELY_UNSET_KEY"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.getMessage())
                        .contains("environment variable TROUPE_TEST_SURELY_UNSET_KEY"));
    }

    @Test
    void key_cannotBeSerialised_intoStateOrHistory() {
        ApiKey key = ApiKey.of("sk-ant-serial", "test");

        assertThatThrownBy(() -> dev.troupe.json.Json.mapper().writeValueAsString(key))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class)
                .hasMessageNotContaining("sk-ant-serial");
    }
}
