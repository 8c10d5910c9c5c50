// Loose types for the re-exports of index.mjs (actor-kit's own types need its Cloudflare worker types).
export declare function createAccessToken(props: {
  signingKey: string;
  actorId: string;
  actorType: string;
  callerId: string;
  callerType: "client" | "service";
}): Promise<string>;
export declare function createActorFetch(props: { actorType: string; host: string }): (
  props: {
    actorId: string;
    accessToken: string;
    input?: Record<string, unknown>;
    waitForEvent?: { type: string; [k: string]: unknown };
    waitForState?: unknown;
    timeout?: number;
    errorOnWaitTimeout?: boolean;
  },
  options?: RequestInit,
) => Promise<{ snapshot: Snapshot; checksum: string }>;
export type Snapshot = { public: any; private: any; value: unknown };
export interface ActorKitClient {
  connect(): Promise<void>;
  disconnect(): void;
  send(event: { type: string; [k: string]: unknown }): void;
  getState(): Snapshot;
  subscribe(listener: (state: Snapshot) => void): () => void;
  waitFor(predicate: (state: Snapshot) => boolean, timeoutMs?: number): Promise<void>;
}
export declare function createActorKitClient(props: {
  host: string;
  actorType: string;
  actorId: string;
  checksum: string;
  accessToken: string;
  initialSnapshot: Snapshot;
  onStateChange?: (state: Snapshot) => void;
  onError?: (error: Error) => void;
}): ActorKitClient;
