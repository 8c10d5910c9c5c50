import { useEffect, useRef, useState, type FormEvent } from "react";
import { ActorError } from "@troupe/client";
import { useActor, useView } from "@troupe/client/react";
import type { ChatMessage, ChatRoom, ChatRoomEvents, ChatRoomView } from "./contracts.js";
import { StatusBadge } from "./StatusBadge.js";
import { ErrorNote } from "./ErrorNote.js";

const ROOMS = ["general", "random"];
const NAME_KEY = "troupe-demo-name";

/** A chat room: the `chat-room` actor with key ["acme", room]. */
export function ChatCard() {
  const [room, setRoom] = useState(ROOMS[0] as string);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? "");
  useEffect(() => localStorage.setItem(NAME_KEY, name), [name]);

  return (
    <section className="card chat" aria-labelledby="chat-title">
      <header className="card-header">
        <div>
          <h2 id="chat-title">Chat room</h2>
          <p className="muted">Messages are durable; every page in the room sees them at once.</p>
        </div>
        <nav className="rooms" aria-label="Rooms">
          {ROOMS.map((r) => (
            <button
              key={r}
              type="button"
              className={r === room ? "room active" : "room"}
              aria-pressed={r === room}
              onClick={() => setRoom(r)}
            >
              # {r}
            </button>
          ))}
        </nav>
      </header>
      <label className="field name-field">
        <span>Your name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Ada"
          maxLength={64}
          required
          aria-required="true"
          data-testid="chat-name"
        />
      </label>
      <Room key={room} room={room} name={name} />
    </section>
  );
}

function Room({ room, name }: { room: string; name: string }) {
  const chat = useActor<ChatRoom, ChatRoomEvents, ChatRoomView>("chat-room", ["acme", room]);
  const messages = useView(chat, (view) => view.messages);
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const element = list.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, [messages]);

  const author = name.trim();
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "" || author === "") return;
    setSending(true);
    setError(undefined);
    try {
      await chat.actions.send(author, text);
      setText("");
    } catch (e) {
      setError(e instanceof ActorError ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="room-body">
      <div className="room-bar">
        <span className="room-name"># {room}</span>
        <StatusBadge status={chat.status} />
      </div>
      <ol className="messages" ref={list} data-testid="chat-messages" aria-live="polite">
        {messages === undefined && <li className="placeholder">Loading messages…</li>}
        {messages?.length === 0 && <li className="placeholder">No messages yet. Say hello!</li>}
        {messages?.map((message) => (
          <Message key={message.seq} message={message} mine={message.user === author} />
        ))}
      </ol>
      <form className="composer" onSubmit={send}>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={`Message # ${room}`}
          maxLength={2000}
          aria-label="Message"
          data-testid="chat-input"
        />
        <button
          type="submit"
          className="button primary"
          disabled={sending || text.trim() === "" || author === ""}
          data-testid="chat-send"
        >
          Send
        </button>
      </form>
      {author === "" && (
        <p className="hint" data-testid="chat-name-hint">
          Enter your name above to send messages.
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

function Message({ message, mine }: { message: ChatMessage; mine: boolean }) {
  const time = new Date(message.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <li className={mine ? "message mine" : "message"} data-testid="chat-message">
      <span className="avatar" aria-hidden="true">
        {message.user.slice(0, 1).toUpperCase()}
      </span>
      <div>
        <div className="meta">
          <strong>{message.user}</strong>
          <time dateTime={message.at}>{time}</time>
        </div>
        <p className="text">{message.text}</p>
      </div>
    </li>
  );
}
