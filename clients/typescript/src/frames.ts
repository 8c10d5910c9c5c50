import type { ChannelFrame, ChannelServerFrame } from "./channel.js";
import { isRecord } from "./errors.js";
import type { HistoryEntry } from "./history.js";
import type { StateValue } from "./machine.js";
import type { ViewFrame, ViewRequest } from "./view.js";

/** A frame id: the server echoes it in the `result` or `error` frame that answers. */
export type FrameId = number;

/** An `action` frame without its id. */
export type ActionRequest = { readonly type: "action"; readonly name: string; readonly args: readonly unknown[] };

/** An `enqueue` frame without its id: a message for one of the actor's declared queues. */
export type EnqueueRequest = { readonly type: "enqueue"; readonly queue: string; readonly message: unknown };

/** A `wait` frame without its id: a machine state or a processed event type, and how long to wait. */
export type WaitRequest =
  | { readonly type: "wait"; readonly waitForState: StateValue; readonly waitMs?: number }
  | { readonly type: "wait"; readonly waitForEvent: string; readonly waitMs?: number };

/** The frames this client sends. */
export type ClientFrame =
  | { readonly type: "auth"; readonly token: string | null; readonly params?: Readonly<Record<string, unknown>> }
  | (ActionRequest & { readonly id: FrameId })
  | { readonly type: "subscribe" | "unsubscribe"; readonly event: string }
  | (ViewRequest & { readonly id: FrameId })
  | (WaitRequest & { readonly id: FrameId })
  | (EnqueueRequest & { readonly id: FrameId })
  | { readonly type: "history"; readonly id: FrameId; readonly from: number }
  | { readonly type: "stopHistory" }
  | ChannelFrame;

/** The frames the server sends. */
export type ServerFrame =
  | { readonly type: "welcome"; readonly actorId: string; readonly connectionId: string }
  | { readonly type: "result"; readonly id: FrameId | string; readonly output: unknown }
  | {
      readonly type: "error";
      readonly id: FrameId | string | null;
      readonly group: string;
      readonly code: string;
      readonly message: string;
      readonly metadata: Record<string, unknown>;
    }
  | { readonly type: "event"; readonly name: string; readonly args: readonly unknown[] }
  | { readonly type: "history"; readonly id: FrameId | string; readonly entries: readonly HistoryEntry[] }
  | ChannelServerFrame
  | ViewFrame;

/**
 * The server frame in `data`, or undefined if it is not one this client understands (not JSON, not
 * an object, or an unknown type — later protocol versions may add frames).
 */
export function parseServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== "string") return undefined;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(frame)) return undefined;
  switch (frame["type"]) {
    case "welcome":
    case "result":
    case "error":
      return frame as ServerFrame;
    case "event":
      return typeof frame["name"] === "string" && Array.isArray(frame["args"]) ? (frame as ServerFrame) : undefined;
    case "history":
      return Array.isArray(frame["entries"]) ? (frame as ServerFrame) : undefined;
    case "channel.accept":
    case "channel.message":
    case "channel.reject":
    case "channel.close":
      return typeof frame["channel"] === "number" ? (frame as ServerFrame) : undefined;
    case "view":
      return typeof frame["seq"] === "number" && typeof frame["checksum"] === "string"
        ? (frame as ServerFrame)
        : undefined;
    default:
      return undefined;
  }
}
