package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** A journal of lines for history tests: its turns use every kind of recorded effect. */
@ActorContract("test-journal")
public interface Journal {
    /**
     * Appends a line made of {@code text} and every kind of effect: the clock, a random number, a
     * UUID, the body fetched from {@code url} (none if empty) and a custom recorded value.
     *
     * @return the number of lines
     */
    int note(String text, String url);

    /** Appends a line with the clock read directly, not through the effects: replay must catch it. */
    int noteCarelessly(String text);

    /** Appends a line, then throws a {@code UserException}. */
    int noteThenFail(String text);

    /** Sets a durable schedule that notes {@code text} after {@code delayMillis}. */
    String noteLater(long delayMillis, String text);

    /**
     * Increments the counter {@code counterKey} (a call to another actor), then tries its failing
     * increment and catches the refusal; appends a line with both answers.
     *
     * @return the number of lines
     */
    int noteCount(String counterKey);

    /** The lines so far. */
    @ReadOnly
    List<String> lines();
}
