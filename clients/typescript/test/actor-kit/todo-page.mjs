// The browser page of e2e/actor-kit.mjs: the demo's todo list through actor-kit@0.47.0's own React
// entry (createActorKitContext: Provider, useSelector, useSend, useClient), with the React 18 and
// react-dom it was built for. The server-side half of the app (the token and the createActorFetch
// snapshot, as an SSR route would make them) arrives in window.ACTOR_KIT.
import { createElement as h, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { createActorKitContext } from "actor-kit/react";

const TodoList = createActorKitContext("todo-list");

function Todos() {
  const todos = TodoList.useSelector((snapshot) => snapshot.public.todos);
  const value = TodoList.useSelector((snapshot) => snapshot.value);
  const send = TodoList.useSend();
  const client = TodoList.useClient();
  // The server sends the full snapshot on every connect: the first message means the socket is open.
  const [messages, setMessages] = useState(0);
  useEffect(() => client.subscribe(() => setMessages((count) => count + 1)), [client]);
  const [text, setText] = useState("");
  return h(
    "main",
    null,
    h("p", { "data-testid": "state", "data-connected": String(messages > 0) }, String(value)),
    h(
      "ul",
      { "data-testid": "todos" },
      todos.map((todo) => h("li", { key: todo.id, "data-testid": "todo" }, todo.text)),
    ),
    h("input", { "data-testid": "text", value: text, onChange: (event) => setText(event.target.value) }),
    h(
      "button",
      {
        "data-testid": "add",
        onClick: () => {
          send({ type: "ADD_TODO", text });
          setText("");
        },
      },
      "Add",
    ),
  );
}

createRoot(document.getElementById("root")).render(h(TodoList.Provider, window.ACTOR_KIT, h(Todos)));
