package org.bangban.relay.browser;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the relay's browser-test page on localhost (a secure context, so getUserMedia works):
 * an empty page that loads {@code peer.js} from the test resources.
 */
public final class TestPages implements AutoCloseable {

    private static final String PAGE = "<!doctype html><html><head><meta charset=utf-8><title>relay test</title>"
            + "<script src=\"/peer.js\"></script></head><body></body></html>";

    private final HttpServer server;

    public TestPages() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            String type;
            if (exchange.getRequestURI().getPath().equals("/peer.js")) {
                try (InputStream in = TestPages.class.getResourceAsStream("/browser/peer.js")) {
                    body = in.readAllBytes();
                }
                type = "text/javascript";
            } else {
                body = PAGE.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
