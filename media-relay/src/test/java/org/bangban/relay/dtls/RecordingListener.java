package org.bangban.relay.dtls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Captures a session's callbacks as futures, and how many callbacks came in all. */
final class RecordingListener implements DtlsSessionListener {

    final CompletableFuture<DtlsHandshakeResult> succeeded = new CompletableFuture<>();
    final CompletableFuture<DtlsFailure> failed = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void handshakeSucceeded(DtlsHandshakeResult result) {
        calls.incrementAndGet();
        succeeded.complete(result);
    }

    @Override
    public void handshakeFailed(DtlsFailure failure) {
        calls.incrementAndGet();
        failed.complete(failure);
    }

    @Override
    public void connectionClosed(String why) {
        calls.incrementAndGet();
        closed.complete(why);
    }
}
