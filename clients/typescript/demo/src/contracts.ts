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

/** One message of a conversation's tree (troupe-demo's `chat.Message`). */
export interface ConversationMessage {
  id: string;
  parent: string | null;
  role: "user" | "assistant";
  content: string;
  status: "complete" | "failed";
  at: string;
}

/** A child's answer about one message. */
export interface ChildAnswer {
  status: "ok" | "failed" | "timed_out";
  result: unknown;
  error: string | null;
}

/** The answers of the running children about one message. */
export interface Rollup {
  messageId: string;
  answers: Record<string, ChildAnswer>;
  pending: string[];
  complete: boolean;
  partial: boolean;
}

/** A child a conversation may start, from its manifest. */
export interface ChildManifest {
  name: string;
  description: string;
  version: string;
  actorType: string;
  action: string;
}

/** A conversation with the assistant (troupe-demo's `chat.Conversation`), key [user, id]. */
export interface Conversation {
  send(parent: string | null, content: string): ConversationMessage;
  edit(messageId: string, content: string): ConversationMessage;
  regenerate(messageId: string): ConversationMessage;
  messages(): ConversationMessage[];
  thread(messageId: string): ConversationMessage[];
  rollups(): Rollup[];
  availableChildren(): ChildManifest[];
  runningChildren(): string[];
  startChild(name: string): string[];
  stopChild(name: string): string[];
}

/** The conversation's events; `agent.delta` and `generating` are live only, the others durable. */
export interface ConversationEvents {
  message: [message: ConversationMessage];
  generating: [messageId: string, parent: string];
  "agent.delta": [messageId: string, text: string];
  rollup: [rollup: Rollup];
  children: [running: string[]];
}

/** What a conversation shows. */
export interface ConversationView {
  messages: ConversationMessage[];
  rollups: Rollup[];
  running: string[];
  available: ChildManifest[];
  assistant: { provider: string; model: string; offline: boolean };
}

/** A conversation in a user's list. */
export interface ConversationSummary {
  id: string;
  title: string;
  at: string;
}

/** A user's conversations (troupe-demo's `chat.ChatUser`), key [user]. */
export interface ChatUser {
  start(title: string): ConversationSummary;
  conversations(): ConversationSummary[];
}

/** What a user's list shows. */
export interface ChatUserView {
  conversations: ConversationSummary[];
}
