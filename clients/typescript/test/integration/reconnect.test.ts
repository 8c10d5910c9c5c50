import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionStatus } from "../../src/index.js";
import { startServer, type TestServer } from "../support/server.mjs";
import { clientFor, uniqueKey, type Counter, type CounterEvents, type CounterView } from "./contracts.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-restart" });
});

afterAll(async () => {
  await server?.stop();
});

describe("reconnection against a restarting server", () => {
  it("survives a restart: queued calls go out, events resubscribe, the view resyncs", async () => {
    const key = uniqueKey("restart");
    const client = clientFor(server.url, {
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
      maxQueuedActions: 3,
    });
    const connection = client.actor<Counter, CounterEvents, CounterView>("counter", key).connect();
    const statuses: ConnectionStatus[] = [];
    connection.onStatusChange((status) => statuses.push(status));
    const events: number[] = [];
    connection.on("newCount", (count) => events.push(count));
    const view = connection.view();
    await view.ready();
    expect(await connection.actions.increment(5)).toBe(5);

    await server.stop();
    await expect.poll(() => connection.status).toBe("reconnecting");
    const queued = [connection.actions.increment(1), connection.actions.increment(1), connection.actions.increment(1)];
    await expect(connection.actions.increment(1)).rejects.toMatchObject({ code: "queue_full", metadata: { limit: 3 } });

    server = await startServer({ name: "integration-restart", port: server.port, dataDir: server.dataDir });
    expect(await Promise.all(queued)).toEqual([6, 7, 8]);
    expect(connection.status).toBe("open");
    await expect.poll(() => view.value?.count, { timeout: 10_000 }).toBe(8);
    await client.actor<Counter>("counter", key).increment(2);
    await expect.poll(() => view.value?.count).toBe(10);
    await expect.poll(() => events.at(-1)).toBe(10);
    expect(statuses[0]).toBe("open");
    expect(statuses).toContain("reconnecting");
    expect(statuses.at(-1)).toBe("open");
    connection.close();
  });
});
