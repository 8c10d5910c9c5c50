import { ActorError } from "./errors.js";

/** A channel's name on the socket: the client chooses it, and every frame of the channel carries it. */
export type ChannelName = number;

/**
 * What arrives on a {@link Channel}: the actor's messages in the order it sent them, then at most one
 * close. Every callback is optional.
 */
export interface ChannelListener {
  /** One message from the actor, a JSON value. */
  readonly onMessage?: (message: unknown) => void;
  /**
   * The channel closed, not by {@link Channel.close}: `channel/closed` (the actor closed it),
   * `actor/not_found` (the actor was destroyed), `actor/unavailable` (the server's runtime stopped),
   * `channel/disconnected` (the socket dropped or the connection closed: channels do not survive a
   * reconnect).
   */
  readonly onClose?: (reason: ActorError) => void;
  /** The server refused a message sent on the channel (`message/too_large`, say); the channel stays open. */
  readonly onError?: (error: ActorError) => void;
}

/**
 * A channel from this client to the actor of an {@link ActorConnection}, once the actor accepted it
 * (see {@link ActorConnection.openChannel}): ordered messages both ways, closed by either side. It lives
 * on one socket and closes with `channel/disconnected` when that socket drops.
 */
export class Channel {
  private open = true;

  /** Made by the connection when the server accepts the channel. */
  constructor(
    /** The channel's name on the socket. */
    readonly name: ChannelName,
    /** The server's id of the channel. */
    readonly id: string,
    private readonly listener: ChannelListener,
    private readonly write: (frame: ChannelFrame) => boolean,
  ) {}

  /** Whether neither side closed the channel and its socket is up. */
  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Sends `message` (a JSON value) to the actor, where it runs as a turn after the messages sent before
   * it.
   *
   * @throws ActorError `channel/closed` if the channel is closed
   */
  send(message: unknown): void {
    if (!this.open || !this.write({ type: "channel.message", channel: this.name, message })) {
      throw new ActorError({
        group: "channel",
        code: "closed",
        message: `channel ${this.id} is closed`,
        metadata: { channel: this.name },
      });
    }
  }

  /** Closes the channel: the actor hears `channel/closed`; this channel's listener hears nothing. Idempotent. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.write({ type: "channel.close", channel: this.name });
  }

  /** A message from the actor arrived; internal. */
  received(message: unknown): void {
    if (this.open) this.listener.onMessage?.(message);
  }

  /** The actor, the server or the socket closed the channel; internal. */
  closed(reason: ActorError): void {
    if (!this.open) return;
    this.open = false;
    this.listener.onClose?.(reason);
  }

  /** The server refused a message of this channel; internal. */
  refused(error: ActorError): void {
    this.listener.onError?.(error);
  }
}

/** The channel frames this client sends. */
export type ChannelFrame =
  | { readonly type: "channel.open"; readonly channel: ChannelName; readonly message?: unknown }
  | { readonly type: "channel.message"; readonly channel: ChannelName; readonly message: unknown }
  | { readonly type: "channel.close"; readonly channel: ChannelName };

/** The channel frames the server sends. */
export type ChannelServerFrame =
  | { readonly type: "channel.accept"; readonly channel: ChannelName; readonly channelId: string }
  | { readonly type: "channel.message"; readonly channel: ChannelName; readonly message: unknown }
  | {
      readonly type: "channel.reject" | "channel.close";
      readonly channel: ChannelName;
      readonly group: string;
      readonly code: string;
      readonly message: string;
      readonly metadata: Record<string, unknown>;
    };

/** The error of a socket that is gone, for the channels it carried. */
export function disconnected(why: string): ActorError {
  return new ActorError({ group: "channel", code: "disconnected", message: why, metadata: {} });
}
