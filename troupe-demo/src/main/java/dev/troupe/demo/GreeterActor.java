package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.Map;

/** Implements {@link Greeter}; refuses connections without a non-empty string {@code name} param. */
public final class GreeterActor extends Actor<GreeterActor.State> implements Greeter {

    /**
     * The greeter's state.
     *
     * @param greetings how many greetings it gave
     */
    public record State(long greetings) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws UserException {@code user/name_required} if the connection gave no {@code name}
     */
    @Override
    protected void onBeforeConnect(Map<String, Object> params, Caller caller) {
        if (!(params.get("name") instanceof String name) || name.isBlank()) {
            throw new UserException("name_required", "say who you are: connect with the param 'name'");
        }
    }

    @Override
    public String greet(String name) {
        update(state -> new State(state.greetings() + 1));
        return "hello, " + name;
    }
}
