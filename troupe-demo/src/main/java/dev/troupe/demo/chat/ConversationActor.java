package dev.troupe.demo.chat;

import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.UserException;
import dev.troupe.agent.Agent;
import dev.troupe.agent.LlmMessage;
import dev.troupe.agent.LlmProvider;
import dev.troupe.agent.LlmRequest;
import dev.troupe.agent.LlmResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Implements {@link Conversation} as an {@link Agent}: each answer is a streamed model call recorded in
 * the turn's history (replay does not call the model again), in a turn of its own scheduled by the
 * turn that stored the user's message; a crash during the stream leaves that schedule in place, so the
 * answer is asked again on restart and no half answer is ever stored.
 */
public final class ConversationActor extends Agent<ConversationActor.State> implements Conversation {
    static final int MAX_CONTENT = 8_000;
    private static final int MAX_TOKENS = 1_024;
    private static final String SYSTEM = "You are the assistant of a chat application built on Troupe, durable"
            + " virtual actors for the JVM. Answer helpfully and briefly.";

    /**
     * A conversation's state.
     *
     * @param lastId   the number of the latest message id
     * @param messages the messages, in the order stored
     * @param rollups  the rollups, in the order of their messages
     * @param running  the running children's names, in the order started
     */
    public record State(long lastId, List<Message> messages, List<Rollup> rollups, List<String> running) {
        /** Freezes the fields. */
        public State {
            messages = List.copyOf(messages);
            rollups = List.copyOf(rollups);
            running = List.copyOf(running);
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, List.of(), List.of(), List.of());
    }

    @Override
    protected LlmProvider provider() {
        return ChatSetup.current().provider();
    }

    @Override
    public Message send(@Nullable String parent, String content) {
        if (parent != null) {
            find(parent);
        }
        return store(parent, Message.USER, checked(content), Message.COMPLETE, true);
    }

    @Override
    public Message edit(String messageId, String content) {
        Message original = find(messageId);
        if (!Message.USER.equals(original.role())) {
            throw new UserException("not_written", "message " + messageId + " is an answer; regenerate it instead");
        }
        return store(original.parent(), Message.USER, checked(content), Message.COMPLETE, true);
    }

    @Override
    public Message regenerate(String messageId) {
        Message original = find(messageId);
        if (!Message.ASSISTANT.equals(original.role()) || original.parent() == null) {
            throw new UserException("not_an_answer", "message " + messageId + " is not an answer");
        }
        return answer(original.parent());
    }

    @Override
    public Message answer(String messageId) {
        find(messageId);
        List<LlmMessage> thread = new ArrayList<>();
        for (Message message : thread(messageId)) {
            if (Message.COMPLETE.equals(message.status())) {
                thread.add(Message.USER.equals(message.role()) ? LlmMessage.user(message.content())
                        : LlmMessage.assistant(message.content()));
            }
        }
        LlmRequest request = LlmRequest.builder(ChatSetup.current().model()).system(SYSTEM).messages(thread)
                .maxTokens(MAX_TOKENS).build();
        String replyId = "m" + (state().lastId() + 1);
        broadcastNow(GENERATING, replyId, messageId);
        try {
            LlmResponse response = stream(request, replyId);
            return store(messageId, Message.ASSISTANT, response.text(), Message.COMPLETE, false);
        } catch (TroupeException e) {
            if (!"agent".equals(e.error().group())) {
                throw e;
            }
            return store(messageId, Message.ASSISTANT, e.getMessage(), Message.FAILED, false);
        }
    }

    @Override
    public List<Message> messages() {
        return state().messages();
    }

    @Override
    public List<Message> thread(String messageId) {
        List<Message> thread = new ArrayList<>();
        for (Message at = find(messageId); at != null; at = at.parent() == null ? null : find(at.parent())) {
            thread.addFirst(at);
        }
        return thread;
    }

    @Override
    public List<Rollup> rollups() {
        return state().rollups();
    }

    @Override
    public List<ChildManifest> availableChildren() {
        return ChatSetup.current().catalogue();
    }

    @Override
    public List<String> runningChildren() {
        return state().running();
    }

    @Override
    public List<String> startChild(String name) {
        ChildManifest manifest = ChatSetup.current().child(name)
                .orElseThrow(() -> new UserException("child_not_found", "no child named " + name));
        if (state().running().contains(name)) {
            throw new UserException("child_running", "child " + name + " is running already");
        }
        children().spawn(ChildRunner.class, name, Input.of(new ChildRunnerActor.State(manifest, key().parts())));
        return running(running -> {
            List<String> more = new ArrayList<>(running);
            more.add(name);
            return more;
        });
    }

    @Override
    public List<String> stopChild(String name) {
        if (!state().running().contains(name)) {
            throw new UserException("child_not_running", "child " + name + " is not running");
        }
        children().stop(ChildRunner.class, name);
        return running(running -> running.stream().filter(other -> !other.equals(name)).toList());
    }

    @Override
    public void rollupAnswer(String messageId, String child, ChildAnswer answer) {
        changeRollup(messageId, rollup -> rollup.pending().contains(child) ? rollup.with(child, answer) : rollup);
    }

    @Override
    public void closeRollup(String messageId) {
        changeRollup(messageId, Rollup::closed);
    }

    @Override
    protected Object view(State state, Caller caller) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("messages", state.messages());
        view.put("rollups", state.rollups());
        view.put("running", state.running());
        view.put("available", ChatSetup.current().catalogue());
        view.put("assistant", Map.of("provider", provider().name(), "model", ChatSetup.current().model(),
                "offline", ChatSetup.current().offline()));
        return view;
    }

    /** Stores a message, hands it to the running children, and asks for the answer when {@code answered}. */
    private Message store(@Nullable String parent, String role, String content, String status, boolean answered) {
        State current = state();
        Message message = new Message("m" + (current.lastId() + 1), parent, role, content, status, effects().now());
        List<Message> messages = new ArrayList<>(current.messages());
        messages.add(message);
        List<Rollup> rollups = new ArrayList<>(current.rollups());
        if (!current.running().isEmpty()) {
            for (String child : current.running()) {
                send(ChildRunner.class, Key.of(id(), child)).deliver(message.id(), content);
            }
            rollups.add(Rollup.waitingFor(message.id(), current.running()));
            schedules().after(ChatSetup.current().rollupTimeout(), "closeRollup", message.id());
        }
        setState(new State(current.lastId() + 1, messages, rollups, current.running()));
        if (answered) {
            schedules().after(java.time.Duration.ZERO, "answer", message.id());
        }
        broadcast(MESSAGE, message);
        return message;
    }

    private void changeRollup(String messageId, UnaryOperator<Rollup> change) {
        State current = state();
        List<Rollup> rollups = new ArrayList<>(current.rollups());
        for (int i = 0; i < rollups.size(); i++) {
            Rollup rollup = rollups.get(i);
            if (rollup.messageId().equals(messageId) && !rollup.complete()) {
                Rollup changed = change.apply(rollup);
                rollups.set(i, changed);
                setState(new State(current.lastId(), current.messages(), rollups, current.running()));
                broadcast(ROLLUP, changed);
                return;
            }
        }
    }

    private List<String> running(UnaryOperator<List<String>> change) {
        State current = state();
        List<String> running = List.copyOf(change.apply(current.running()));
        setState(new State(current.lastId(), current.messages(), current.rollups(), running));
        broadcast(CHILDREN, running);
        return running;
    }

    private Message find(String messageId) {
        return state().messages().stream().filter(message -> message.id().equals(messageId)).findFirst()
                .orElseThrow(() -> new UserException("message_not_found", "no message " + messageId));
    }

    /** {@code text} stripped, if it is 1 to {@code max} characters long; else {@code user/<code>}. */
    static String checked(String text, int max, String code, String what) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.length() > max) {
            throw new UserException(code, what + " must be 1 to " + max + " characters");
        }
        return stripped;
    }

    private static String checked(String content) {
        return checked(content, MAX_CONTENT, "invalid_message", "a message");
    }
}
