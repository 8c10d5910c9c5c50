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
