import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { ActorError } from "@troupe/client";
import { useActor, useEvent, useView, type ActorBinding } from "@troupe/client/react";
import type {
  ChatUser,
  ChatUserView,
  ChildAnswer,
  Conversation,
  ConversationEvents,
  ConversationMessage,
  ConversationView,
  Rollup,
} from "./contracts.js";
import { myId } from "./identity.js";
import { StatusBadge } from "./StatusBadge.js";
import { ErrorNote } from "./ErrorNote.js";

type ConversationBinding = ActorBinding<Conversation, ConversationEvents, ConversationView>;

/** `?chat=<user>/<conversation>` opens someone's conversation (share the link); else one of this browser's. */
const SHARED = new URLSearchParams(location.search).get("chat")?.split("/");

const message = (e: unknown) => (e instanceof ActorError ? e.message : String(e));

/**
 * The chat application: this browser's conversations (the `chat-user` actor [id]), each a
 * `chat-conversation` actor [user, conversation] holding a tree of messages answered by the assistant,
 * with child actors whose answers show as a rollup under each message.
 */
export function AssistantCard() {
  const user = useActor<ChatUser, never, ChatUserView>("chat-user", [myId]);
  const conversations = useView(user, (view) => view.conversations);
  const [chosen, setChosen] = useState<string>();
  const [error, setError] = useState<string>();
  const current = SHARED?.length === 2 ? SHARED : (chosen ?? conversations?.[0]?.id);
  const key = Array.isArray(current) ? current : current === undefined ? undefined : [myId, current];

  const start = async () => {
    setError(undefined);
    try {
      const started = await user.actions.start(`Conversation ${(conversations?.length ?? 0) + 1}`);
      setChosen(started.id);
    } catch (e) {
      setError(message(e));
    }
  };

  return (
    <section className="card assistant" id="chat" aria-labelledby="assistant-title" data-testid="assistant">
      <header className="card-header">
        <div>
          <h2 id="assistant-title">Assistant</h2>
          <p className="muted">
            Conversations are actors: a tree of messages, answers streamed from the model, child actors reading along.
          </p>
        </div>
        <StatusBadge status={user.status} />
      </header>
      <div className="assistant-body">
        <nav className="conversations" aria-label="Conversations" data-testid="chat-conversations">
          <button type="button" className="button primary" onClick={start} data-testid="chat-new">
            New conversation
          </button>
          <ul>
            {conversations?.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={c.id === current ? "room active" : "room"}
                  aria-pressed={c.id === current}
                  onClick={() => setChosen(c.id)}
                >
                  {c.title}
                </button>
              </li>
            ))}
          </ul>
          <ErrorNote error={error} />
        </nav>
        {key === undefined ? (
          <p className="placeholder" data-testid="chat-none">
            Start a conversation to talk to the assistant.
          </p>
        ) : (
          <ConversationPane key={key.join("/")} conversationKey={key} />
        )}
      </div>
    </section>
  );
}

interface Streaming {
  id: string;
  parent: string;
  text: string;
}

function ConversationPane({ conversationKey }: { conversationKey: string[] }) {
  const chat = useActor<Conversation, ConversationEvents, ConversationView>("chat-conversation", conversationKey);
  const view = useView(chat);
  const [streaming, setStreaming] = useState<Streaming>();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [replyTo, setReplyTo] = useState<string>();
  const [error, setError] = useState<string>();
  useEvent(chat, "generating", (id, parent) => setStreaming({ id, parent, text: "" }));
  useEvent(chat, "agent.delta", (id, text) =>
    setStreaming((s) => (s?.id === id ? { ...s, text: s.text + text } : { id, parent: "", text })),
  );
  const messages = view?.messages;
  useEffect(() => {
    if (streaming !== undefined && messages?.some((m) => m.id === streaming.id)) setStreaming(undefined);
  }, [messages, streaming]);

  const tree = useMemo(() => {
    const children = new Map<string, ConversationMessage[]>();
    for (const m of messages ?? []) children.set(m.parent ?? "", [...(children.get(m.parent ?? "") ?? []), m]);
    return children;
  }, [messages]);
  const thread: ConversationMessage[] = [];
  for (let at = ""; ;) {
    const options = tree.get(at);
    if (options === undefined) break;
    const next = options.find((m) => m.id === chosen[at]) ?? options[options.length - 1];
    if (next === undefined) break;
    thread.push(next);
    at = next.id;
  }
  const rollups = new Map<string, Rollup>((view?.rollups ?? []).map((r) => [r.messageId, r]));

  const act = async (run: () => Promise<unknown>, branchPoint?: string | null) => {
    setError(undefined);
    try {
      await run();
      if (branchPoint !== undefined) {
        setChosen(({ [branchPoint ?? ""]: _, ...rest }) => rest);
        setReplyTo(undefined);
      }
    } catch (e) {
      setError(message(e));
    }
  };
  const parent = replyTo ?? thread[thread.length - 1]?.id ?? null;
  const last = thread[thread.length - 1]?.id;

  return (
    <div className="conversation">
      <div className="room-bar">
        <span className="room-name">{conversationKey.join(" / ")}</span>
        <StatusBadge status={chat.status} />
      </div>
      {view?.assistant.offline === true && (
        <p className="offline-note" data-testid="assistant-offline">
          The assistant is not configured: answers come from the <strong>offline responder</strong>. Set{" "}
          <code>ANTHROPIC_API_KEY</code> and restart <code>./troupe demo</code> to answer with Claude.
        </p>
      )}
      {view !== undefined && !view.assistant.offline && (
        <p className="muted" data-testid="assistant-model">
          Answering with {view.assistant.provider} · {view.assistant.model}
        </p>
      )}
      <Children chat={chat} view={view} onError={setError} />
      <ol className="thread" data-testid="chat-thread" aria-live="polite">
        {messages === undefined && <li className="placeholder">Loading…</li>}
        {messages?.length === 0 && <li className="placeholder">No messages yet. Ask something!</li>}
        {thread.map((m) => {
          const siblings = tree.get(m.parent ?? "") ?? [];
          return (
            <MessageItem
              key={m.id}
              message={m}
              rollup={rollups.get(m.id)}
              position={[siblings.indexOf(m), siblings.length]}
              onBranch={(step) => {
                const to = siblings[siblings.indexOf(m) + step];
                if (to !== undefined) setChosen((c) => ({ ...c, [m.parent ?? ""]: to.id }));
              }}
              replying={replyTo === m.id}
              onReply={() => setReplyTo(replyTo === m.id ? undefined : m.id)}
              onEdit={(text) => act(() => chat.actions.edit(m.id, text), m.parent)}
              onRegenerate={() => act(() => chat.actions.regenerate(m.id), m.parent)}
            />
          );
        })}
        {streaming !== undefined && (streaming.parent === last || streaming.parent === "") && (
          <li className="message assistant streaming" data-testid="chat-streaming">
            <span className="avatar" aria-hidden="true">
              ◆
            </span>
            <p className="text">{streaming.text}▍</p>
          </li>
        )}
      </ol>
      <Composer
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(undefined)}
        onSend={(text) => act(() => chat.actions.send(parent, text), parent)}
      />
      <ErrorNote error={error} />
    </div>
  );
}

function Children({
  chat,
  view,
  onError,
}: {
  chat: ConversationBinding;
  view: ConversationView | undefined;
  onError: (error: string | undefined) => void;
}) {
  if (view === undefined) return null;
  const toggle = (name: string, running: boolean) => {
    onError(undefined);
    (running ? chat.actions.stopChild(name) : chat.actions.startChild(name)).catch((e: unknown) => onError(message(e)));
  };
  return (
    <details className="children" open data-testid="chat-children">
      <summary>
        Child actors <span className="muted">({view.running.length} running)</span>
      </summary>
      <ul>
        {view.available.map((child) => {
          const running = view.running.includes(child.name);
          return (
            <li key={child.name} data-testid={`child-${child.name}`} data-running={running}>
              <div>
                <strong>{child.name}</strong> <span className="muted">v{child.version}</span>
                <p className="muted">{child.description}</p>
              </div>
              <button
                type="button"
                className={running ? "button" : "button primary"}
                onClick={() => toggle(child.name, running)}
                data-testid={`child-toggle-${child.name}`}
              >
                {running ? "Stop" : "Start"}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function MessageItem(props: {
  message: ConversationMessage;
  rollup: Rollup | undefined;
  position: [number, number];
  onBranch: (step: number) => void;
  replying: boolean;
  onReply: () => void;
  onEdit: (text: string) => void;
  onRegenerate: () => void;
}) {
  const { message: m, rollup, position } = props;
  const [editing, setEditing] = useState<string>();
  const mine = m.role === "user";
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (editing === undefined || editing.trim() === "") return;
    props.onEdit(editing);
    setEditing(undefined);
  };
  return (
    <li
      className={`message ${m.role}${m.status === "failed" ? " failed" : ""}`}
      data-testid="chat-msg"
      data-id={m.id}
      data-role={m.role}
    >
      <span className="avatar" aria-hidden="true">
        {mine ? "You".slice(0, 1) : "◆"}
      </span>
      <div className="bubble">
        {editing === undefined ? (
          <p className="text">{m.content}</p>
        ) : (
          <form className="composer" onSubmit={save}>
            <input value={editing} onChange={(e) => setEditing(e.target.value)} aria-label="Edited message" />
            <button type="submit" className="button primary">
              Save
            </button>
          </form>
        )}
        <div className="message-tools">
          {position[1] > 1 && (
            <span className="branches" data-testid="branch-pos">
              <button type="button" aria-label="Previous branch" onClick={() => props.onBranch(-1)}>
                ‹
              </button>
              {position[0] + 1}/{position[1]}
              <button type="button" aria-label="Next branch" onClick={() => props.onBranch(1)}>
                ›
              </button>
            </span>
          )}
          {mine ? (
            <button type="button" onClick={() => setEditing(m.content)} data-testid="msg-edit">
              Edit
            </button>
          ) : (
            <button type="button" onClick={props.onRegenerate} data-testid="msg-regenerate">
              Regenerate
            </button>
          )}
          <button type="button" onClick={props.onReply} aria-pressed={props.replying} data-testid="msg-reply">
            {props.replying ? "Replying here" : "Reply here"}
          </button>
        </div>
        {rollup !== undefined && <RollupView rollup={rollup} />}
      </div>
    </li>
  );
}

function RollupView({ rollup }: { rollup: Rollup }) {
  const names = [...Object.keys(rollup.answers), ...rollup.pending];
  return (
    <div className="rollup" data-testid="chat-rollup" data-message={rollup.messageId} data-complete={rollup.complete}>
      <span className="rollup-title">Rollup{rollup.partial ? " (partial)" : rollup.complete ? "" : " (waiting)"}</span>
      <ul>
        {names.map((name) => (
          <li key={name} data-testid={`rollup-${name}`}>
            <strong>{name}</strong> <AnswerText answer={rollup.answers[name]} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function AnswerText({ answer }: { answer: ChildAnswer | undefined }) {
  if (answer === undefined) return <span className="muted">working…</span>;
  if (answer.status === "timed_out") return <span className="bad">timed out</span>;
  if (answer.status === "failed") return <span className="bad">failed ({answer.error})</span>;
  const result = answer.result;
  if (typeof result === "string") return <span>{result}</span>;
  if (typeof result === "number") return <span>{result} words</span>;
  if (result !== null && typeof result === "object") {
    const parts = Object.entries(result as Record<string, unknown>)
      .filter(([, value]) => Array.isArray(value) && value.length > 0)
      .map(([label, value]) => `${label}: ${(value as unknown[]).join(", ")}`);
    return <span>{parts.length === 0 ? "nothing found" : parts.join(" · ")}</span>;
  }
  return <span>{JSON.stringify(result)}</span>;
}

function Composer(props: { replyTo: string | undefined; onCancelReply: () => void; onSend: (text: string) => void }) {
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.replyTo !== undefined) input.current?.focus();
  }, [props.replyTo]);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "") return;
    props.onSend(text);
    setText("");
  };
  return (
    <form className="composer" onSubmit={send}>
      {props.replyTo !== undefined && (
        <button type="button" className="reply-chip" onClick={props.onCancelReply}>
          Replying to {props.replyTo} ✕
        </button>
      )}
      <textarea
        ref={input}
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) send(e);
        }}
        placeholder="Ask the assistant…"
        maxLength={8000}
        aria-label="Message to the assistant"
        data-testid="chat-compose-input"
      />
      <button type="submit" className="button primary" disabled={text.trim() === ""} data-testid="chat-compose-send">
        Send
      </button>
    </form>
  );
}
