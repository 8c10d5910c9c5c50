package dev.troupe.cluster;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.HostConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * A connection held on this node to an actor hosted on another: the transport's handle, whose
 * operations go to the owning entity, while the owner's events and views arrive through this
 * connection's {@link ConnectionRelay}. Thread-safe.
 */
final class RemoteConnection implements HostConnection {
    private static final long SYNC_TIMEOUT_SECONDS = 30;

    private final String id;
    private final Address address;
    private final Caller caller;
    private final ShardPlacement placement;
    private volatile @Nullable ActorRef<RelayMessage> relay;
    private volatile String actorId = "";
    private volatile boolean open;

    RemoteConnection(String id, Address address, Caller caller, ShardPlacement placement) {
        this.id = id;
        this.address = address;
        this.caller = caller;
        this.placement = placement;
    }

    void relay(ActorRef<RelayMessage> value) {
        this.relay = value;
    }

    /** The owner accepted the connection. */
    void opened(String openedActorId) {
        this.actorId = openedActorId;
        this.open = true;
    }

    /** The connection ended, at either end: stop relaying. */
    void detach() {
        open = false;
        ActorRef<RelayMessage> current = relay;
        if (current != null) {
            current.tell(new RelayMessage.Detach());
        }
    }

    /** The owner closed the connection; the relay tells the sink. */
    void ownerClosed() {
        open = false;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String actorId() {
        return actorId;
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void subscribe(String event) {
        placement.tell(address, new EntityCommand.Subscribe(id, event, true));
    }

    @Override
    public void unsubscribe(String event) {
        placement.tell(address, new EntityCommand.Subscribe(id, event, false));
    }

    @Override
    public void syncViews(boolean enabled) {
        CompletableFuture<?> done = placement.ask(address, replyTo -> new EntityCommand.SyncViews(id, enabled, replyTo));
        try {
            done.get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TroupeException troupe ? troupe
                    : new TroupeException(ErrorCode.UNAVAILABLE, "turning view sync on failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new TroupeException(ErrorCode.TIMEOUT, "the node hosting " + address + " did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted while turning view sync on");
        }
    }

    @Override
    public CompletableFuture<Object> view() {
        return placement.ask(address, replyTo -> new EntityCommand.ConnectionView(id, replyTo)).thenApply(v -> v);
    }

    @Override
    public void close() {
        if (open) {
            placement.tell(address, new EntityCommand.Disconnect(id));
        }
        detach();
    }
}
