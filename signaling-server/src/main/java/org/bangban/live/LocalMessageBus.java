package org.bangban.live;

import java.util.function.BiConsumer;

/** The bus of a single node: deliveries and kicks are local calls. */
public final class LocalMessageBus implements MessageBus {
    private volatile BiConsumer<String, String> delivery = (p, j) -> { };
    private volatile Runnable kick = () -> { };

    @Override
    public void deliver(String principalId, String json) {
        delivery.accept(principalId, json);
    }

    @Override
    public void deliverHere(String principalId, String json) {
        delivery.accept(principalId, json);
    }

    @Override
    public void kick() {
        kick.run();
    }

    @Override
    public void onDelivery(BiConsumer<String, String> localDelivery) {
        this.delivery = localDelivery;
    }

    @Override
    public void onKick(Runnable kick) {
        this.kick = kick;
    }

    @Override
    public void close() {
    }
}
