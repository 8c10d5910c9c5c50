/** A running test server. */
export interface TestServer {
  /** Its base URL, ending with `/`. */
  readonly url: string;
  readonly port: number;
  /** Its data directory (kept across restarts). */
  readonly dataDir: string;
  /** Where its output goes. */
  readonly logPath: string;
  /** Stops it (SIGTERM by default, SIGKILL after 20 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and starts it again on the same port and data. */
  restart(signal?: NodeJS.Signals): Promise<TestServer>;
}

/** The package root, where the server command runs. */
export const PACKAGE_ROOT: string;
/** Where tests write logs and screenshots. */
export const OUTPUT_DIR: string;

/** Starts a server (see TROUPE_SERVER_CMD) and resolves once it printed its URL. */
export function startServer(options?: {
  port?: number;
  dataDir?: string;
  name?: string;
  args?: readonly string[];
}): Promise<TestServer>;
