package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.ActorError;
import dev.troupe.Channel;
import dev.troupe.Input;
import dev.troupe.Key;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Implements {@link Visitor}; its log is a {@link LobbyActor.State}. */
public final class VisitorActor extends Actor<LobbyActor.State> implements Visitor {
    /** Not registered with any runtime. */
    public interface Unregistered {
        /** Never called. */
        void nothing();
    }

    private @Nullable Channel last;

    @Override
    protected LobbyActor.State initialState(Input input) {
        return new LobbyActor.State(List.of());
    }

    @Override
    public String visit(String lobby, String hello) {
        last = openChannel(Lobby.class, Key.of(lobby), hello);
        return last.id();
    }

    @Override
    public String visitUnregistered() {
        return openChannel(Unregistered.class, Key.of("x"), null).id();
    }

    @Override
    public void say(String message) {
        last.send(message);
    }

    @Override
    public void count(int count) {
        for (int n = 1; n <= count; n++) {
            last.send(n);
        }
    }

    @Override
    public void leave() {
        channels().forEach(Channel::close);
    }

    @Override
    protected void onChannelMessage(Channel channel, @Nullable Object message) {
        update(s -> s.with("got:" + message));
    }

    @Override
    protected void onChannelClosed(Channel channel, ActorError reason) {
        update(s -> s.with("closed:" + reason.qualifiedCode()));
    }

    @Override
    public List<String> events() {
        return state().log();
    }

    @Override
    public int openChannels() {
        return channels().size();
    }

    @Override
    public void vanish() {
        destroy();
    }
}
