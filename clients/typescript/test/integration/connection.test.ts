import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActorConnection, ActorError } from "../../src/index.js";
import { startServer, type TestServer } from "../support/server.mjs";
import {
  clientFor,
  uniqueKey,
  type ChatRoom,
  type ChatRoomEvents,
  type ChatRoomView,
  type Counter,
  type CounterEvents,
  type CounterView,
} from "./contracts.js";

let server: TestServer;
const open: Array<ActorConnection<unknown, unknown, unknown>> = [];

beforeAll(async () => {
  server = await startServer({ name: "integration-ws" });
});

afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
});

afterAll(async () => {
  await server?.stop();
});

function counter(key: string[]) {
  const connection = clientFor(server.url).actor<Counter, CounterEvents, CounterView>("counter", key).connect();
  open.push(connection as ActorConnection<unknown, unknown, unknown>);
  return connection;
}

function watchErrors(connection: { onError(listener: (error: ActorError) => void): () => void }): ActorError[] {
  const errors: ActorError[] = [];
  connection.onError((error) => errors.push(error));
  return errors;
}

describe("WebSocket connections against the server", () => {
  it("opens, calls actions with results and delivers events to every subscriber", async () => {
    const key = uniqueKey("ws");
    const a = counter(key);
    const b = counter(key);
    await Promise.all([a.whenOpen(), b.whenOpen()]);
    expect(a.actorId).toBeTruthy();
    expect(a.actorId).toBe(b.actorId);
    expect(a.connectionId).not.toBe(b.connectionId);
    const seenByB: number[] = [];
    const off = b.on("newCount", (count) => seenByB.push(count));
    const nextEvent = new Promise<number>((resolve) => a.once("newCount", resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await a.call("increment", 1)).toBe(1);
    expect(await a.actions.increment(2)).toBe(3);
    expect(await nextEvent).toBe(1);
    await expect.poll(() => seenByB).toEqual([1, 3]);
    off();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.call("increment", 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByB).toEqual([1, 3]);
  });

  it("reports a subscription to an event the type does not declare as event/not_found, and goes on", async () => {
    const connection = counter(uniqueKey("undeclared"));
    const errors = watchErrors(connection);
    await connection.whenOpen();
    // The counter declares newCount only; the cast stands for a client whose contract is out of date.
    connection.on("newTotal" as "newCount", () => undefined);
    await expect.poll(() => errors.map((error) => error.qualifiedCode)).toEqual(["event/not_found"]);
    expect(errors[0]?.metadata).toMatchObject({ event: "newTotal" });
    expect(await connection.call("increment", 1)).toBe(1);
  });

  it("queues calls made before the connection opens", async () => {
    const connection = counter(uniqueKey("queued"));
    const results = await Promise.all([
      connection.call("increment", 1),
      connection.call("increment", 1),
      connection.call("count"),
    ]);
    expect(results).toEqual([1, 2, 2]);
  });

  it("rejects failed socket calls with the server's error", async () => {
    const connection = counter(uniqueKey("ws-errors"));
    const unknown = (connection.call as (name: string) => Promise<unknown>)("nope");
    await expect(unknown).rejects.toMatchObject({ group: "actor", code: "action_not_found" });
    await expect(connection.call("increment", "x" as unknown as number)).rejects.toMatchObject({
      group: "request",
      code: "invalid_args",
    });
    expect(connection.status).toBe("open");
  });

  it("keeps a verified view in sync with patches", async () => {
    const key = uniqueKey("view");
    const connection = counter(key);
    const errors = watchErrors(connection);
    const view = connection.view();
    expect(await view.ready()).toEqual({ count: 0 });
    const values: number[] = [];
    view.subscribe((value) => values.push(value.count));
    const http = clientFor(server.url).actor<Counter>("counter", key);
    for (let i = 0; i < 5; i++) await http.increment(1);
    await expect.poll(() => view.value?.count).toBe(5);
    expect(values.at(-1)).toBe(5);
    expect(view.seq).toBeGreaterThan(1);
    expect(view.checksum).toBe((await http.fetchView()).checksum);
    expect(errors).toEqual([]);
  });

  it("syncs a chat room's messages, checksums included", async () => {
    const key = uniqueKey("room");
    const client = clientFor(server.url);
    const connection = client.actor<ChatRoom, ChatRoomEvents, ChatRoomView>("chat-room", key).connect();
    open.push(connection as ActorConnection<unknown, unknown, unknown>);
    const errors = watchErrors(connection);
    const view = connection.view();
    await view.ready();
    const received: string[] = [];
    connection.on("message", (message) => received.push(message.text));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await connection.actions.send("ann", "one");
    await client.actor<ChatRoom>("chat-room", key).send("bob", "two — ünïcödé\n");
    await expect
      .poll(() => view.value?.messages.map((m) => `${m.user}:${m.text}`))
      .toEqual(["ann:one", "bob:two — ünïcödé"]);
    await expect.poll(() => received).toEqual(["one", "two — ünïcödé"]);
    expect(errors).toEqual([]);
  });

  it("closes for good when the server refuses the token", async () => {
    const connection = clientFor(server.url, { token: "not-a-jwt" })
      .actor<Counter, CounterEvents, CounterView>("counter", uniqueKey("auth"))
      .connect();
    open.push(connection as ActorConnection<unknown, unknown, unknown>);
    const call = connection.call("count");
    await expect(connection.whenOpen()).rejects.toMatchObject({ code: "closed" });
    expect(connection.status).toBe("closed");
    expect(connection.error).toMatchObject({ group: "auth", code: "unauthorized" });
    await expect(call).rejects.toMatchObject({ group: "client", code: "closed" });
  });
});
