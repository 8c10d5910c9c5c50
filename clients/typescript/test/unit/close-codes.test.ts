import { describe, expect, it, vi } from "vitest";
import { closeError, CloseCode, shouldReconnect } from "../../src/close-codes.js";
import { ActorError } from "../../src/errors.js";
import { watchWakeups } from "../../src/wake.js";

describe("close codes", () => {
  it("retries drops and server restarts, not refusals", () => {
    for (const code of [1000, 1001, 1006, 1009, 1011, 1012, 4008, 4029])
      expect(shouldReconnect(code, false)).toBe(true);
    for (const code of [4000, 4003, 4004, 4009, 4999]) expect(shouldReconnect(code, true)).toBe(false);
    expect(shouldReconnect(CloseCode.Unauthorized, false)).toBe(false);
    expect(shouldReconnect(CloseCode.Unauthorized, true)).toBe(true);
  });

  it("uses the announced error when the close reason names it", () => {
    const announced = new ActorError({ group: "actor", code: "not_found", message: "destroyed", metadata: { a: 1 } });
    expect(closeError(4004, "actor/not_found", announced)).toBe(announced);
    expect(closeError(4003, "auth/forbidden", announced)).toMatchObject({
      group: "auth",
      code: "forbidden",
      metadata: { closeCode: 4003 },
    });
    expect(closeError(1006, "", undefined)).toMatchObject({
      group: "client",
      code: "connection_lost",
      metadata: { closeCode: 1006 },
    });
    expect(closeError(4008, "slow consumer", undefined).message).toContain("4008: slow consumer");
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
