package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.TallyDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A kind of actor registered from a hand-written definition, not a Java class, called in-process. */
class ActorDefinitionTest {
    private static final Caller CALLER = Caller.system("test");
    private static MemoryStore store;
    private static Troupe troupe;

    @BeforeAll
    static void start() {
        store = new MemoryStore();
        troupe = TroupeTestSupport.builder(store).register(new TallyDefinition()).build();
    }

    @AfterAll
    static void stop() {
        troupe.close();
    }

    private static Object call(String key, String action, String args) throws Exception {
        ActorHost runtime = troupe.host();
        var target = runtime.type(TallyDefinition.TYPE).action(action);
        try {
            return runtime.call(new Address(TallyDefinition.TYPE, Key.of(key)), target,
                    target.decodeArgs(json(args)), CALLER, CreateMode.GET_OR_CREATE, Input.none(), null)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static void invalidArgs(String action, String args, String message) {
        assertThatThrownBy(() -> call("invalid", action, args)).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.INVALID_ARGS.qualified());
            assertThat(e.error().message()).isEqualTo(message);
        });
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    void actions_runAsTurns_andTheStateIsDurableJson() throws Exception {
        assertThat(call("a", "add", "[5]")).isEqualTo(5L);
        assertThat(call("a", "add", "[3]")).isEqualTo(8L);
        assertThat(call("a", "total", "[]")).isEqualTo(8L);
        assertThat(call("a", "note", "[{\"author\":\"ann\",\"stars\":4}]")).isEqualTo("ann gave 4 stars");

        JsonNode stored = json(store.find(TallyDefinition.TYPE, Key.of("a")).orElseThrow().state());
        assertThat(stored.toString()).isEqualTo("{\"total\":8,\"label\":\"\",\"notes\":1}");
        Object view = troupe.host().view(new Address(TallyDefinition.TYPE, Key.of("a")), CALLER, CreateMode.GET,
                Input.none()).get(30, TimeUnit.SECONDS);
        assertThat(view).hasToString(stored.toString());
    }

    @Test
    void schedules_storeJsonArguments_andDecodeThemThroughTheDefinition() throws Exception {
        call("later", "addLater", "[7]");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(call("later", "total", "[]")).isEqualTo(7L));
    }

    @Test
    void arguments_areCheckedAgainstTheSchemas_inPlainWords() {
        invalidArgs("add", "[\"5\"]", "argument 0 (amount) of add must be integer: expected an integer, got a string");
        invalidArgs("add", "[1.5]", "argument 0 (amount) of add must be integer: expected an integer, got a number");
        invalidArgs("add", "[null]", "argument 0 (amount) of add must not be null");
        invalidArgs("add", "[]", "add takes 1 argument(s), got 0");
        invalidArgs("add", "[9223372036854775808]",
                "argument 0 (amount) of add must be integer: expected an integer in the int64 range, got 9223372036854775808");
        invalidArgs("label", "[\"" + "x".repeat(21) + "\"]",
                "argument 0 (text) of label must be string: expected at most 20 characters, got 21");
        invalidArgs("note", "[{\"stars\":2}]", "argument 0 (entry) of note must be object: missing the required field 'author'");
        invalidArgs("note", "[{\"author\":\"ann\",\"mood\":\"ok\"}]",
                "argument 0 (entry) of note must be object: unknown field 'mood'");
        invalidArgs("note", "[{\"author\":5}]",
                "argument 0 (entry) of note must be object: at /author: expected a string, got an integer");
        invalidArgs("note", "[{\"author\":\"ann\",\"stars\":9}]",
                "argument 0 (entry) of note must be object: at /stars: expected at most 5, got 9");
    }

    @Test
    void javaClasses_andDefinitions_liveSideBySide() {
        assertThat(troupe.actor(Counter.class, Key.of("side")).increment(2)).isEqualTo(2);
        assertThat(troupe.host().type(TallyDefinition.TYPE).definition()).isInstanceOf(TallyDefinition.class);
        assertThat(troupe.host().type("test-counter").action("increment").definition().parameters())
                .extracting(Parameter::name, Parameter::typeName, Parameter::nullable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("amount", "long", false));
    }

    @Test
    void badDefinitions_failTheBuild_namingTheRule() {
        registrationFails(definition("Tally", List.of(action("add"))), "actor type 'Tally': actor type name 'Tally' must match");
        registrationFails(definition("tally", List.of()), "actor type 'tally': declares no actions");
        registrationFails(definition("tally", List.of(action("add"), action("add"))), "declares action 'add' twice");
        registrationFails(definition("tally", List.of(action("a/b"))), "action name 'a/b' must be an identifier");
    }

    private static void registrationFails(ActorDefinition definition, String message) {
        assertThatThrownBy(() -> Troupe.builder().store(new MemoryStore()).register(definition).build())
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.INVALID_REGISTRATION.qualified());
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static ActionDefinition action(String name) {
        return new ActionDefinition() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Parameter> parameters() {
                return List.of();
            }

            @Override
            public JsonNode result() {
                return Json.mapper().createObjectNode();
            }
        };
    }

    private static ActorDefinition definition(String name, List<ActionDefinition> actions) {
        return new ActorDefinition() {
            @Override
            public String typeName() {
                return name;
            }

            @Override
            public List<ActionDefinition> actions() {
                return actions;
            }

            @Override
            public ActorBehaviour newBehaviour() {
                throw new AssertionError("a refused definition makes no behaviour");
            }
        };
    }
}
