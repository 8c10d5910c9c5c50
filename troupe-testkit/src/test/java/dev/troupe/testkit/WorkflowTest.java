package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Actor;
import dev.troupe.ActorContract;
import dev.troupe.ErrorCode;
import dev.troupe.Flow;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.ReadOnly;
import dev.troupe.StepRetry;
import dev.troupe.TroupeException;
import dev.troupe.Workflow;
import dev.troupe.WorkflowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Durable workflows on the kit's clock: steps journaled once, sleeps, signals and timeouts, retries, cancel. */
@Timeout(60)
class WorkflowTest {
    /** Orders that charge, cool down, wait for approval and ship. */
    @ActorContract("test-orders")
    public interface Orders {
        void place(String id, String item, int shipFailures);

        boolean approve(String id, String who);

        boolean cancel(String id);

        void placeTwice(String id);

        void startUnknown();

        void touchReserved();

        @ReadOnly
        WorkflowStatus status(String id);

        @ReadOnly
        List<String> journal();

        @ReadOnly
        List<String> ids();
    }

    /** Implements {@link Orders}; its state is the log of the steps' effects. */
    public static final class OrdersActor extends Actor<OrdersActor.State> implements Orders {
        /** The state: what the steps did, in order. */
        public record State(List<String> log) {
            State with(String entry) {
                List<String> next = new ArrayList<>(log);
                next.add(entry);
                return new State(next);
            }
        }

        /** Failures still to come per workflow id: outside the actor, which may sleep and wake between steps. */
        static final Map<String, java.util.concurrent.atomic.AtomicInteger> SHIP_FAILURES =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        protected State initialState(Input input) {
            return new State(List.of());
        }

        @Override
        protected @Nullable Workflow workflow(String name) {
            return name.equals("order") ? this::order : null;
        }

        private Object order(Flow flow, @Nullable Object input) {
            String item = (String) ((Map<?, ?>) input).get("item");
            String charge = flow.step("charge", String.class, () -> {
                update(s -> s.with("charged " + item));
                return "ch-" + item;
            });
            flow.sleep("cooldown", Duration.ofMinutes(5));
            Optional<String> approval = flow.waitFor("approval", String.class, Duration.ofHours(1));
            if (approval.isEmpty()) {
                return flow.step("refund", String.class, () -> {
                    update(s -> s.with("refunded " + charge));
                    return "refunded";
                });
            }
            try {
                flow.step("ship", String.class, new StepRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), () -> {
                    update(s -> s.with("shipping " + item));
                    if (SHIP_FAILURES.get(flow.id()).getAndDecrement() > 0) {
                        throw new IllegalStateException("the courier is away");
                    }
                    return "shipped";
                });
            } catch (TroupeException e) {
                flow.step("compensate", String.class, () -> {
                    update(s -> s.with("refunded " + charge + " after " + e.error().code()));
                    return "compensated";
                });
                throw e;
            }
            return charge + " approved by " + approval.get();
        }

        @Override
        public void place(String id, String item, int shipFailures) {
            SHIP_FAILURES.put(id, new java.util.concurrent.atomic.AtomicInteger(shipFailures));
            workflows().start("order", id, Map.of("item", item));
        }

        @Override
        public boolean approve(String id, String who) {
            return workflows().signal(id, "approval", who);
        }

        @Override
        public boolean cancel(String id) {
            return workflows().cancel(id);
        }

        @Override
        public void placeTwice(String id) {
            workflows().start("order", id, Map.of("item", "x"));
            workflows().start("order", id, Map.of("item", "y"));
        }

        @Override
        public void startUnknown() {
            workflows().start("nope", "n1", Map.of());
        }

        @Override
        public void touchReserved() {
            storage().put("#workflow/forged", "{}");
        }

        @Override
        public WorkflowStatus status(String id) {
            return workflows().status(id).orElse(null);
        }

        @Override
        public List<String> journal() {
            return state().log();
        }

        @Override
        public List<String> ids() {
            return workflows().ids();
        }
    }

    private final TroupeTestKit kit = TroupeTestKit.builder().register(OrdersActor.class).start();
    private final Orders orders = kit.actor(Orders.class, Key.of("shop"));

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void steps_runOnceEach_throughSleepSignalAndRetries_toTheResult() {
        orders.place("o1", "book", 2);
        kit.settle();
        assertThat(orders.status("o1")).satisfies(status -> {
            assertThat(status.state()).isEqualTo("sleeping");
            assertThat(status.steps()).containsExactly("charge");
            assertThat(status.wakeAt()).isEqualTo(kit.clock().now().plus(Duration.ofMinutes(5)));
        });

        kit.clock().advance(Duration.ofMinutes(5));
        assertThat(orders.status("o1").state()).isEqualTo("waiting");
        assertThat(orders.status("o1").waitingOn()).isEqualTo("approval");

        assertThat(orders.approve("o1", "ada")).isTrue();
        kit.settle();
        assertThat(orders.status("o1").state()).isEqualTo("retrying");
        kit.clock().advance(Duration.ofSeconds(1));
        kit.clock().advance(Duration.ofSeconds(2));

        WorkflowStatus done = orders.status("o1");
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.result()).isEqualTo("ch-book approved by ada");
        assertThat(done.steps()).containsExactly("charge", "cooldown", "approval", "ship");
        assertThat(orders.journal()).as("failed attempts leave no trace").containsExactly("charged book", "shipping book");
        assertThat(orders.approve("o1", "late")).isFalse();
    }

    @Test
    void aWaitThatTimesOut_takesTheOtherBranch() {
        orders.place("o2", "lamp", 0);
        kit.settle();
        kit.clock().advance(Duration.ofMinutes(5));
        kit.clock().advance(Duration.ofHours(1));

        assertThat(orders.status("o2").state()).isEqualTo("completed");
        assertThat(orders.status("o2").result()).isEqualTo("refunded");
        assertThat(orders.journal()).containsExactly("charged lamp", "refunded ch-lamp");
    }

    @Test
    void aSignalBeforeTheWait_isKeptForIt() {
        orders.place("o3", "pen", 0);
        kit.settle();
        orders.approve("o3", "bob");
        kit.clock().advance(Duration.ofMinutes(5));

        assertThat(orders.status("o3").result()).isEqualTo("ch-pen approved by bob");
    }

    @Test
    void aStepOutOfAttempts_raisesIntoTheWorkflow_whichCompensatesAndFails() {
        orders.place("o4", "vase", 5);
        kit.settle();
        kit.clock().advance(Duration.ofMinutes(5));
        orders.approve("o4", "cy");
        kit.settle();
        kit.clock().advance(Duration.ofSeconds(1));
        kit.clock().advance(Duration.ofSeconds(2));

        WorkflowStatus failed = orders.status("o4");
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).startsWith("workflow/step_failed");
        assertThat(failed.steps()).containsExactly("charge", "cooldown", "approval", "ship", "compensate");
        assertThat(orders.journal()).containsExactly("charged vase", "refunded ch-vase after step_failed");
    }

    @Test
    void cancel_stopsTheWorkflowBeforeItsNextStep() {
        orders.place("o5", "cup", 0);
        kit.settle();

        assertThat(orders.cancel("o5")).isTrue();
        kit.clock().advance(Duration.ofHours(2));

        assertThat(orders.status("o5").state()).isEqualTo("cancelled");
        assertThat(orders.journal()).containsExactly("charged cup");
        assertThat(orders.cancel("o5")).isFalse();
        assertThat(orders.ids()).containsExactly("o5");
    }

    @Test
    void badStarts_andReservedKeys_areRefused_andChangeNothing() {
        assertThatThrownBy(() -> orders.placeTwice("d1")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WORKFLOW_EXISTS)).isTrue());
        assertThatThrownBy(orders::startUnknown).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WORKFLOW_NOT_FOUND)).isTrue());
        assertThatThrownBy(() -> orders.approve("nobody", "x")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WORKFLOW_NOT_FOUND)).isTrue());
        assertThatThrownBy(orders::touchReserved).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.INVALID_ARGS)).isTrue());
        kit.settle();

        assertThat(orders.ids()).isEmpty();
        assertThat(orders.journal()).isEmpty();
    }
}
