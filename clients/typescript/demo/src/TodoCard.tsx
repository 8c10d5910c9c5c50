import { useState, type FormEvent } from "react";
import { ActorError } from "@troupe/client";
import { Matches, useActor, useMatches, useView } from "@troupe/client/react";
import type { TodoEvent, TodoList, TodoListView } from "./contracts.js";
import { myId } from "./identity.js";
import { StatusBadge } from "./StatusBadge.js";
import { ErrorNote } from "./ErrorNote.js";

/** The list shown: `?list=<name>` in the page's URL, else `demo`. */
const LIST = new URLSearchParams(location.search).get("list") ?? "demo";

/**
 * A todo list, the `todo-list` machine actor with key ["todos", list]: its creator owns it and alone
 * may add, toggle and delete; everyone else watches. Each caller's draft is private to it.
 */
export function TodoCard() {
  const list = useActor<TodoList, never, TodoListView>("todo-list", ["todos", LIST]);
  const view = useView(list);
  const active = useMatches(list, "active");
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const owner = view?.public.ownerId;
  const mine = owner === myId;

  const send = (event: TodoEvent) => {
    setError(undefined);
    list.actions.send(event).catch((e: unknown) => setError(e instanceof ActorError ? e.message : String(e)));
  };
  const type = (value: string) => {
    setText(value);
    send({ type: "SET_DRAFT", text: value });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "") return;
    send({ type: "ADD_TODO", text: text.trim() });
    type("");
  };

  return (
    <section className="card todo" aria-labelledby="todo-title">
      <header className="card-header">
        <div>
          <h2 id="todo-title">Todo list</h2>
          <p className="muted" data-testid="todo-role" data-role={view === undefined ? "" : mine ? "owner" : "watcher"}>
            {view === undefined
              ? "Loading…"
              : mine
                ? "You own this list."
                : `Owned by ${owner ?? "nobody"}: you are watching.`}
          </p>
        </div>
        <StatusBadge status={list.status} />
      </header>
      <Matches actor={list} state="empty">
        <p className="muted" data-testid="todo-empty">
          Nothing to do yet.
        </p>
      </Matches>
      <Matches actor={list} state="active">
        <ul className="todo-items" data-testid="todo-items">
          {view?.public.todos.map((todo) => (
            <li key={todo.id} className="todo-item" data-testid="todo-item" data-done={todo.done}>
              <label>
                <input
                  type="checkbox"
                  checked={todo.done}
                  disabled={!mine}
                  onChange={() => send({ type: "TOGGLE_TODO", id: todo.id })}
                />
                <span>{todo.text}</span>
              </label>
              {mine && (
                <button
                  type="button"
                  className="button secondary"
                  aria-label={`Delete ${todo.text}`}
                  onClick={() => send({ type: "DELETE_TODO", id: todo.id })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      </Matches>
      <form className="todo-form" onSubmit={add}>
        <input
          data-testid="todo-input"
          placeholder={mine ? "Something to do" : "Only the owner can add"}
          value={text}
          maxLength={200}
          disabled={!mine}
          onChange={(event) => type(event.target.value)}
        />
        <button type="submit" className="button primary" data-testid="todo-add" disabled={!mine || text.trim() === ""}>
          Add
        </button>
      </form>
      {view?.private.draft !== undefined && view.private.draft !== "" && (
        <p className="muted" data-testid="todo-draft">
          Your draft, seen only by you: {view.private.draft}
        </p>
      )}
      <p className="muted" data-testid="todo-state">
        Machine state: <code>{active ? "active" : view === undefined ? "–" : "empty"}</code> · you are{" "}
        <code>{myId}</code>
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
