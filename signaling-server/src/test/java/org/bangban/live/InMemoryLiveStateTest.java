package org.bangban.live;

/** The live-state contract on the embedded, single-node implementation. */
class InMemoryLiveStateTest extends LiveStateContract {
    @Override
    protected LiveState newState() {
        return new InMemoryLiveState();
    }

    @Override
    protected LiveState sameStateOnAnotherNode() {
        return state;
    }
}
