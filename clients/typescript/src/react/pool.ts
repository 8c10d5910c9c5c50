import type { TroupeClient } from "../client.js";
import type { ActorConnection, ConnectParams } from "../connection.js";
import type { ActorKey } from "../urls.js";
import { keyParts } from "../urls.js";

/** One shared connection and how many users hold it. */
export interface PoolEntry {
  readonly id: string;
  readonly connection: ActorConnection<unknown, unknown, unknown>;
  users: number;
  /** Set once the pool closed the connection for lack of users; the entry is then out of the pool. */
  retired: boolean;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
}

/*
 * Connections shared by every component that uses the same actor (type, key and params), counted by
 * reference. React renders may run without committing, so taking a connection is two steps: get()
 * during render finds or opens it, retain() in an effect counts the user, and the function retain()
 * returns releases it. A connection that nobody retains, whether never retained or released by its
 * last user, closes after a grace period; the grace lets StrictMode's unmount-and-remount and quick
 * re-renders keep the same socket.
 *
 * A connection the server closed for good (refused, say) stays in the pool until its users are gone,
 * so components see its final status instead of reconnecting on every render.
 */

/** Shared, reference-counted connections of one client. */
export class ConnectionPool {
  private readonly entries = new Map<string, PoolEntry>();

  /** A pool over `client`; connections nobody uses close after `graceMs`. */
  constructor(
    private readonly client: TroupeClient,
    private readonly graceMs = 1_000,
  ) {}

  /** How many connections the pool holds (in use, or waiting out their grace period). */
  get size(): number {
    return this.entries.size;
  }

  /** The entry for this actor, opening a connection if the pool has none. */
  get(type: string, key: ActorKey, params: ConnectParams | undefined): PoolEntry {
    const parts = keyParts(key);
    const id = JSON.stringify([type, parts, params ?? null]);
    let entry = this.entries.get(id);
    if (entry === undefined) {
      const connection = this.client.actor(type, parts).connect(params) as PoolEntry["connection"];
      entry = { id, connection, users: 0, retired: false, closeTimer: undefined };
      this.entries.set(id, entry);
      this.scheduleClose(entry);
    }
    return entry;
  }

  /**
   * Counts a user of `entry`; returns the function that releases it (idempotent), or undefined if
   * the pool already retired the entry (get a new one then).
   */
  retain(entry: PoolEntry): (() => void) | undefined {
    if (entry.retired) return undefined;
    entry.users += 1;
    if (entry.closeTimer !== undefined) clearTimeout(entry.closeTimer);
    entry.closeTimer = undefined;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      entry.users -= 1;
      if (entry.users === 0) this.scheduleClose(entry);
    };
  }

  private scheduleClose(entry: PoolEntry): void {
    entry.closeTimer = setTimeout(() => {
      entry.closeTimer = undefined;
      if (entry.users > 0) return;
      entry.retired = true;
      this.entries.delete(entry.id);
      entry.connection.close();
    }, this.graceMs);
  }
}
