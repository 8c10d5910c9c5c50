package dev.troupe.testing;

import dev.troupe.QueueMessage;
import dev.troupe.RunLoop;

/**
 * A {@link RecorderActor} that consumes its queue with a run loop: each message the loop takes is
 * recorded, in that message's turn, exactly as the queue handler would record it.
 */
public final class LoopRecorderActor extends RecorderActor {
    @Override
    protected void run(RunLoop loop) {
        for (QueueMessage message : loop.messages(QUEUE)) {
            onQueueMessage(message.queue(), message.body());
        }
    }
}
