import { expect } from "vitest";
import { WebSocket } from "ws";
import { ActorError, createClient, type ClientOptions, type WebSocketFactory } from "../../src/index.js";

export type {
  ChatMessage,
  ChatRoom,
  ChatRoomEvents,
  ChatRoomView,
  Counter,
  CounterEvents,
  CounterView,
  TodoList,
  TodoListView,
} from "../../demo/src/contracts.js";

const socketFactory: WebSocketFactory = WebSocket;

/** A client of `url` that uses the `ws` package (Node 20 has no global WebSocket). */
export function clientFor(url: string, options: Partial<ClientOptions> = {}) {
  return createClient({ url, WebSocket: socketFactory, ...options });
}

/** A key no other test uses. */
export function uniqueKey(prefix: string): string[] {
  return [prefix, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`];
}

/** The ActorError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<ActorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActorError);
  return error as ActorError;
}
