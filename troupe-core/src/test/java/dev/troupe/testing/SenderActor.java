package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import java.util.Map;

/** Implements {@link Sender}: the numbers it sent are its state, committed with the messages. */
public final class SenderActor extends Actor<SenderActor.State> implements Sender {
    /** The state: how many numbers were sent. */
    public record State(long sent) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public long sendNext(String recorderKey, int count) {
        Recorder recorder = send(Recorder.class, Key.of(recorderKey));
        long first = state().sent() + 1;
        for (long n = first; n < first + count; n++) {
            recorder.record(key().parts().getFirst(), n);
        }
        return update(s -> new State(s.sent() + count)).sent();
    }

    @Override
    public long enqueueNext(String recorderKey, int count) {
        long first = state().sent() + 1;
        for (long n = first; n < first + count; n++) {
            enqueue(Recorder.class, Key.of(recorderKey), RecorderActor.QUEUE,
                    Map.of("from", key().parts().getFirst(), "n", n));
        }
        return update(s -> new State(s.sent() + count)).sent();
    }

    @Override
    public void enqueueThenFail(String recorderKey) {
        enqueueNext(recorderKey, 1);
        throw new IllegalStateException("the turn fails after enqueuing");
    }

    @Override
    public void sendThenFail(String recorderKey) {
        sendNext(recorderKey, 1);
        throw new IllegalStateException("the turn fails after sending");
    }

    @Override
    public void sendLarge(String recorderKey, int bytes) {
        send(Recorder.class, Key.of(recorderKey)).refuse("x".repeat(bytes));
    }

    @Override
    public long sendRefusedThenNext(String recorderKey) {
        send(Recorder.class, Key.of(recorderKey)).refuse("on purpose");
        return sendNext(recorderKey, 1);
    }

    @Override
    public long sent() {
        return state().sent();
    }
}
