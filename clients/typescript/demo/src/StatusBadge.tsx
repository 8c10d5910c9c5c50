import type { ConnectionStatus } from "@troupe/client";

const LABELS: Record<ConnectionStatus, string> = {
  connecting: "Connecting",
  open: "Live",
  reconnecting: "Reconnecting",
  closed: "Offline",
};

/** A small pill showing a connection's status. */
export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="status" data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
