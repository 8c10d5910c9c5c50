import { WebSocket } from "ws";
import { createClient, type ClientOptions, type WebSocketFactory } from "../../src/index.js";

export interface Counter {
  increment(amount: number): number;
  count(): number;
}
export interface CounterEvents {
  newCount: [count: number];
}
export interface CounterView {
  count: number;
}
export interface ChatMessage {
  seq: number;
  user: string;
  text: string;
  at: string;
}
export interface ChatRoom {
  send(user: string, text: string): ChatMessage;
  history(): ChatMessage[];
}
export interface ChatRoomEvents {
  message: [message: ChatMessage];
}
export interface ChatRoomView {
  messages: ChatMessage[];
}

const socketFactory: WebSocketFactory = WebSocket;

/** A client of `url` that uses the `ws` package (Node 20 has no global WebSocket). */
export function clientFor(url: string, options: Partial<ClientOptions> = {}) {
  return createClient({ url, WebSocket: socketFactory, ...options });
}

/** A key no other test uses. */
export function uniqueKey(prefix: string): string[] {
  return [prefix, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`];
}
