import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../../src/index.js";
import { ConnectionPool } from "../../src/react/pool.js";
import { FakeSockets, flush } from "../support/fake-socket.js";

let sockets: FakeSockets;
let pool: ConnectionPool;

beforeEach(() => {
  vi.useFakeTimers();
  sockets = new FakeSockets();
  pool = new ConnectionPool(createClient({ url: "http://h", WebSocket: sockets.factory }), 500);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("ConnectionPool", () => {
  it("shares one connection per type, key and params", async () => {
    const a = pool.get("counter", ["x", "y"], undefined);
    const b = pool.get("counter", ["x", "y"], undefined);
    const c = pool.get("counter", ["x,y"], undefined);
    const d = pool.get("counter", ["x", "y"], { p: 1 });
    expect(a).toBe(b);
    expect(new Set([a, c, d]).size).toBe(3);
    await flush();
    expect(sockets.all).toHaveLength(3);
  });

  it("closes a connection after the grace period once its last user releases it", async () => {
    const entry = pool.get("counter", "k", undefined);
    const releaseA = pool.retain(entry);
    const releaseB = pool.retain(entry);
    releaseA?.();
    releaseA?.();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(entry.connection.status).not.toBe("closed");
    releaseB?.();
    await vi.advanceTimersByTimeAsync(499);
    expect(entry.connection.status).not.toBe("closed");
    await vi.advanceTimersByTimeAsync(1);
    expect(entry.connection.status).toBe("closed");
    expect(pool.size).toBe(0);
    expect(pool.retain(entry)).toBeUndefined();
    expect(pool.get("counter", "k", undefined)).not.toBe(entry);
  });

  it("keeps the connection when a user comes back within the grace period", async () => {
    const entry = pool.get("counter", "k", undefined);
    pool.retain(entry)?.();
    await vi.advanceTimersByTimeAsync(400);
    const release = pool.retain(entry);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(entry.connection.status).not.toBe("closed");
    release?.();
  });

  it("closes connections that were never retained (renders that did not commit)", async () => {
    const entry = pool.get("counter", "k", undefined);
    await vi.advanceTimersByTimeAsync(500);
    expect(entry.connection.status).toBe("closed");
  });

  it("keeps a connection the server closed for good until its users leave, instead of reopening it", async () => {
    const entry = pool.get("counter", "k", undefined);
    const release = pool.retain(entry);
    await flush();
    sockets.last.open();
    sockets.last.drop(4003, "auth/forbidden");
    expect(entry.connection.status).toBe("closed");
    expect(pool.get("counter", "k", undefined)).toBe(entry);
    release?.();
    await vi.advanceTimersByTimeAsync(500);
    expect(pool.size).toBe(0);
  });
});
