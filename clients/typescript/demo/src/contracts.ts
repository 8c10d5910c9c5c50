/** The demo counter (troupe-demo's `Counter`). */
export interface Counter {
  increment(amount: number): number;
  count(): number;
}

/** The counter's events. */
export interface CounterEvents {
  newCount: [count: number];
}

/** What every caller sees of a counter. */
export interface CounterView {
  count: number;
}

/** One chat message (troupe-demo's `ChatMessage`); `at` is an ISO-8601 instant. */
export interface ChatMessage {
  seq: number;
  user: string;
  text: string;
  at: string;
}

/** The demo chat room (troupe-demo's `ChatRoom`). */
export interface ChatRoom {
  send(user: string, text: string): ChatMessage;
  history(): ChatMessage[];
}

/** The chat room's events. */
export interface ChatRoomEvents {
  message: [message: ChatMessage];
}

/** What every caller sees of a chat room. */
export interface ChatRoomView {
  messages: ChatMessage[];
}

/** One item of a todo list. */
export interface Todo {
  id: number;
  text: string;
  done: boolean;
}

/** What everybody sees of a todo list (troupe-demo's `TodoList` machine). */
export interface TodoPublic {
  ownerId: string | null;
  todos: Todo[];
  nextId: number;
  archived: number;
}

/** What only the caller sees: its own draft. */
export interface TodoPrivate {
  draft?: string;
}

/** The events a client may send to a todo list; only its owner may add, toggle or delete. */
export type TodoEvent =
  | { type: "ADD_TODO"; text: string }
  | { type: "TOGGLE_TODO"; id: number }
  | { type: "DELETE_TODO"; id: number }
  | { type: "SET_DRAFT"; text: string };

/** A caller's view of a todo list: the machine view, with the state `empty` or `active`. */
export interface TodoListView {
  public: TodoPublic;
  private: TodoPrivate;
  value: "empty" | "active";
}

/** The demo todo list, a machine actor: events go through `send`, which answers the caller's view. */
export interface TodoList {
  send(event: TodoEvent): TodoListView;
}
