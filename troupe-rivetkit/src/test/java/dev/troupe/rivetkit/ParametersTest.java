package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gateway targets and rvt-* parameters, RivetKit's key spellings and the connect subprotocols. */
class ParametersTest {

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    @Test
    void aNameWithRvtMethodIsQueriedByItsCommaJoinedKey() {
        GatewayTarget target = GatewayTarget.parse("counter", query("rvt-namespace", "default", "rvt-method", "getOrCreate",
                "rvt-runner", "default", "rvt-key", "a,b", "rvt-input", "uQABZXN0YXJ0BQ", "rvt-crash-policy", "sleep",
                "rvt-token", "TKN"), "default");
        assertThat(target).isInstanceOfSatisfying(GatewayTarget.ByKey.class, byKey -> {
            assertThat(byKey.name()).isEqualTo("counter");
            assertThat(byKey.key()).containsExactly("a", "b");
            assertThat(byKey.mode()).isEqualTo(CreateMode.GET_OR_CREATE);
            assertThat(byKey.input().isPresent()).isTrue();
            assertThat(byKey.token()).isEqualTo("TKN");
        });
        GatewayTarget get = GatewayTarget.parse("counter", query("rvt-namespace", "default", "rvt-method", "get"), "default");
        assertThat(((GatewayTarget.ByKey) get).key()).isEmpty();
    }

    @Test
    void anIdMayCarryAToken() {
        assertThat(GatewayTarget.parse("act-1@TKN", query(), "default")).isEqualTo(new GatewayTarget.ById("act-1", "TKN"));
        assertThat(GatewayTarget.parse("act-1", query(), "default")).isEqualTo(new GatewayTarget.ById("act-1", null));
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        String[][] cases = {
                {"rvt-namespace", "default", "rvt-method", "get", "rvt-nope", "1"},
                {"rvt-namespace", "default", "rvt-method", "get", "rvt-key", "a", "rvt-key", "b"},
                {"rvt-namespace", "other", "rvt-method", "get"},
                {"rvt-namespace", "default", "rvt-method", "find"},
                {"rvt-namespace", "default", "rvt-method", "get", "rvt-input", "oA"},
                {"rvt-namespace", "default", "rvt-method", "getOrCreate", "rvt-crash-policy", "sleep"},
                {"rvt-namespace", "default", "rvt-method", "getOrCreate", "rvt-runner", "r", "rvt-crash-policy", "never"},
                {"rvt-namespace", "default", "rvt-method", "getOrCreate", "rvt-runner", "r", "rvt-input", "***"},
                {"rvt-namespace", "default", "rvt-method", "getOrCreate", "rvt-runner", "r", "rvt-input", "_w"},
                {"rvt-namespace", "default", "rvt-method", "get", "rvt-skip-ready-wait", "yes"},
                {"rvt-key", "a"},
        };
        for (String[] pairs : cases) {
            assertThatThrownBy(() -> GatewayTarget.parse("counter", query(pairs), "default"))
                    .as(String.join("&", pairs))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REQUEST)).isTrue());
        }
        assertThatThrownBy(() -> GatewayTarget.parse("act-1@", query(), "default")).isInstanceOf(TroupeException.class);
    }

    @Test
    void keysUseRivetKitsSlashSpelling() {
        assertThat(ActorKeys.serialize(List.of())).isEqualTo("/");
        assertThat(ActorKeys.serialize(List.of("a/b", "c\\d", ""))).isEqualTo("a\\/b/c\\\\d/\\0");
        for (List<String> key : List.of(List.<String>of(), List.of("x"), List.of("a/b", "c\\d", ""), List.of("", ""))) {
            assertThat(ActorKeys.deserialize(ActorKeys.serialize(key))).isEqualTo(key);
        }
        assertThat(ActorKeys.deserialize("a\\")).containsExactly("a\\");
        assertThat(ActorKeys.fromGateway("a,,b")).containsExactly("a", "", "b");
    }

    @Test
    void subprotocolsNameEncodingParamsAndToken() {
        Subprotocols parsed = Subprotocols.parse(List.of("rivet", "rivet_encoding.cbor",
                "rivet_conn_params.%7B%22name%22%3A%22ann%22%7D", "rivet_token.t1", "rivet_test_ack_hook.x"));
        assertThat(parsed.encoding()).isSameAs(CborEncoding.INSTANCE);
        assertThat(parsed.params()).containsEntry("name", "ann");
        assertThat(parsed.token()).isEqualTo("t1");
        assertThat(Subprotocols.parse(List.of("rivet")).encoding()).isSameAs(JsonEncoding.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rivet,rivet_encoding.xml", "rivet,chat", "rivet,rivet_encoding.json,rivet_encoding.bare",
            "rivet,rivet_conn_params.%7B", "rivet,rivet_conn_params.%5B1%5D", "rivet,rivet_target.actor",
            "rivet,rivet_target.pool,rivet_actor.a", "rivet,rivet_token."})
    void badSubprotocolsAreRefused(String offered) {
        assertThatThrownBy(() -> Subprotocols.parse(List.of(offered.split(","))))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().group()).isEqualTo("request"));
    }
}
