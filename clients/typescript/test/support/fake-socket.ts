import type { WebSocketFactory, WebSocketLike } from "../../src/config.js";

/** A scripted stand-in for a WebSocket: the test plays the server. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error(`send in state ${this.readyState}`);
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The frames the client sent, parsed. */
  frames(): Array<Record<string, unknown>> {
    return this.sent.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  /** The sent frames of one type. */
  framesOf(type: string): Array<Record<string, unknown>> {
    return this.frames().filter((frame) => frame["type"] === type);
  }

  /** The server accepts the upgrade. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server sends a frame. */
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === "string" ? frame : JSON.stringify(frame) });
  }

  /** Opens and welcomes: the connection becomes open. */
  accept(connectionId = "c1"): void {
    this.open();
    this.receive({ type: "welcome", actorId: "actor-1", connectionId });
  }

  /** The socket closes from the server's side (or the network). */
  drop(code = 1006, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

/** A WebSocket factory that records every socket it makes. */
export class FakeSockets {
  readonly all: FakeSocket[] = [];
  readonly factory: WebSocketFactory;

  constructor() {
    const all = this.all;
    this.factory = class extends FakeSocket {
      constructor(url: string) {
        super(url);
        all.push(this);
      }
    };
  }

  /** The most recent socket. */
  get last(): FakeSocket {
    const socket = this.all[this.all.length - 1];
    if (socket === undefined) throw new Error("no socket was opened");
    return socket;
  }
}

/** Lets pending promise callbacks (token resolution, checksums) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
