import { describe, expect, it, vi } from "vitest";
import { closeError, CloseCode, shouldReconnect } from "../../src/close-codes.js";
import { ActorError } from "../../src/errors.js";
import { watchWakeups } from "../../src/wake.js";
import { closeCodes } from "../support/wire-fixtures.js";

describe("close codes", () => {
  it("names the protocol's close codes", () => {
    const table = new Map(closeCodes().map((row) => [row.name, row.code]));
    for (const [name, code] of Object.entries(CloseCode)) expect(table.get(name), name).toBe(code);
  });

  it("retries drops and server restarts, not refusals", () => {
    for (const row of closeCodes()) {
      expect(shouldReconnect(row.code, false), `${row.code} ${row.name}`).toBe(!row.final);
      if (row.code !== CloseCode.Unauthorized) expect(shouldReconnect(row.code, true), `${row.code}`).toBe(!row.final);
    }
    for (const code of [1012, 4999]) expect(shouldReconnect(code, false)).toBe(code < 4000);
    expect(shouldReconnect(4009, true)).toBe(false);
    expect(shouldReconnect(CloseCode.Unauthorized, true)).toBe(true);
  });

  it("uses the announced error when the close reason names it", () => {
    const announced = new ActorError({ group: "actor", code: "not_found", message: "destroyed", metadata: { a: 1 } });
    expect(closeError(CloseCode.NotFound, "actor/not_found", announced)).toBe(announced);
    expect(closeError(CloseCode.Forbidden, "auth/forbidden", announced)).toMatchObject({
      group: "auth",
      code: "forbidden",
      metadata: { closeCode: CloseCode.Forbidden },
    });
    expect(closeError(1006, "", undefined)).toMatchObject({
      group: "client",
      code: "connection_lost",
      metadata: { closeCode: 1006 },
    });
    expect(closeError(CloseCode.SlowConsumer, "slow consumer", undefined).message).toContain("4008: slow consumer");
  });
});

describe("watchWakeups", () => {
  it("calls back when the browser is online again or the page visible, and stops", () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: "hidden" as DocumentVisibilityState });
    const onWake = vi.fn();
    const stop = watchWakeups(onWake, { window: win, document: doc });
    win.dispatchEvent(new Event("online"));
    doc.dispatchEvent(new Event("visibilitychange"));
    doc.visibilityState = "visible";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(onWake).toHaveBeenCalledTimes(2);
    stop();
    win.dispatchEvent(new Event("online"));
    expect(onWake).toHaveBeenCalledTimes(2);
  });

  it("does nothing outside browsers", () => {
    expect(() => watchWakeups(() => {}, {})()).not.toThrow();
  });
});
