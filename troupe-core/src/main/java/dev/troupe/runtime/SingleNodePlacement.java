package dev.troupe.runtime;

import dev.troupe.host.Address;

/** {@link Placement#singleNode()}: one node, which hosts every actor. */
final class SingleNodePlacement implements Placement {
    static final SingleNodePlacement INSTANCE = new SingleNodePlacement();
    private static final String NODE = "local";

    private SingleNodePlacement() {
    }

    @Override
    public String localNode() {
        return NODE;
    }

    @Override
    public String hostOf(Address address) {
        return NODE;
    }

    @Override
    public boolean isLocal(Address address) {
        return true;
    }
}
