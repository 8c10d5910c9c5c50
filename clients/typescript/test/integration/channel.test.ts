import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActorConnection, ActorError, Channel } from "../../src/index.js";
import { startServer, type TestServer } from "../support/server.mjs";
import { clientFor, failure, uniqueKey } from "./contracts.js";

/** The demo's echo actor (troupe-demo EchoActor): it accepts channels and echoes their messages. */
interface Echo {
  seen(): string[];
}

/** How long a test waits for something to arrive: long enough for a loaded machine. */
const WAIT = { timeout: 10_000 };

let server: TestServer;
const open: Array<ActorConnection<Echo>> = [];

beforeAll(async () => {
  server = await startServer({ name: "integration-channel", args: ["--call-timeout-ms", "3000"] });
});

afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
});

afterAll(async () => {
  await server?.stop();
});

function echo(key: string[]) {
  return clientFor(server.url).actor<Echo>("echo", key);
}

function connect(key: string[]): ActorConnection<Echo> {
  const connection = echo(key).connect();
  open.push(connection);
  return connection;
}

/** A channel's messages and closes, as they arrive. */
function inbox() {
  const messages: unknown[] = [];
  const closes: string[] = [];
  const errors: string[] = [];
  const listener = {
    onMessage: (message: unknown) => messages.push(message),
    onClose: (reason: ActorError) => closes.push(reason.qualifiedCode),
    onError: (error: ActorError) => errors.push(error.qualifiedCode),
  };
  return { messages, closes, errors, listener };
}

describe("channels over WebSocket against the server", () => {
  it("opens, carries messages both ways in order, and tells the actor when the client closes it", async () => {
    const key = uniqueKey("channel");
    const received = inbox();
    const channel: Channel = await connect(key).openChannel("hello", received.listener);
    expect(channel.isOpen).toBe(true);
    expect(channel.id).toBeTruthy();
    const sent = Array.from({ length: 20 }, (_, n) => ({ n }));
    for (const message of sent) channel.send(message);

    await vi.waitFor(() => expect(received.messages).toHaveLength(21), WAIT);
    expect(received.messages).toEqual(["welcome", ...sent]);
    channel.close();
    expect(channel.isOpen).toBe(false);
    expect(() => channel.send(1)).toThrowError(/closed/);
    await vi.waitFor(async () => expect(await echo(key).call("seen")).toContain("closed:channel/closed"), WAIT);
    expect((await echo(key).call("seen")).slice(0, 3)).toEqual(["open", 'got:{"n":0}', 'got:{"n":1}']);
    expect(received.closes).toEqual([]);
  });

  it("is rejected with the actor's reason", async () => {
    const error = await failure(connect(uniqueKey("channel-reject")).openChannel({ reject: "no room" }));
    expect(error.qualifiedCode).toBe("channel/rejected");
    expect(error.message).toBe("no room");
    expect(error.metadata["reason"]).toBe("user/refused");
  });

  it("closes when the actor closes it", async () => {
    const received = inbox();
    const channel = await connect(uniqueKey("channel-actor-close")).openChannel(undefined, received.listener);
    channel.send("close");
    await vi.waitFor(() => expect(received.closes).toEqual(["channel/closed"]), WAIT);
    expect(channel.isOpen).toBe(false);
  });

  it("closes with actor/not_found when the actor is destroyed", async () => {
    const received = inbox();
    const channel = await connect(uniqueKey("channel-destroyed")).openChannel(undefined, received.listener);
    channel.send("destroy");
    await vi.waitFor(() => expect(received.closes).toEqual(["actor/not_found"]), WAIT);
  });

  it("tells the actor when the client's connection drops", async () => {
    const key = uniqueKey("channel-dropped");
    const connection = connect(key);
    const received = inbox();
    const channel = await connection.openChannel(undefined, received.listener);
    connection.close();

    expect(received.closes).toEqual(["channel/disconnected"]);
    expect(channel.isOpen).toBe(false);
    await vi.waitFor(async () => expect(await echo(key).call("seen")).toContain("closed:channel/disconnected"), WAIT);
  });

  it("times out when the actor does not answer in time, and the late acceptance learns it", async () => {
    const key = uniqueKey("channel-slow");
    const error = await failure(connect(key).openChannel({ acceptAfterMs: 5000 }));
    expect(error.qualifiedCode).toBe("channel/timeout");
    expect(error.message).toContain("did not accept the channel within PT3S");
    await vi.waitFor(async () => expect(await echo(key).call("seen")).toEqual(["open", "closed:channel/timeout"]), {
      timeout: 15_000,
    });
  });

  it("keeps the channels of one socket apart", async () => {
    const connection = connect(uniqueKey("channel-two"));
    const first = inbox();
    const second = inbox();
    const one = await connection.openChannel(undefined, first.listener);
    const two = await connection.openChannel(undefined, second.listener);
    expect(one.name).not.toBe(two.name);
    one.close();
    two.send("still here");

    await vi.waitFor(() => expect(second.messages).toEqual(["welcome", "still here"]), WAIT);
    expect(first.messages).toEqual(["welcome"]);
    expect(second.errors).toEqual([]);
  });
});
