package org.bangban.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A government portal of its own origin for the widget's cross-origin tests: a JDK HTTP server on 127.0.0.1 serving
 * a blank start page ({@code /}, where a test clears the tab's storage) and {@code /portal.html}, a page that embeds
 * the help button of the Bangban server at {@code bangban} with one script tag. Reached as {@code 127.0.0.1} or as
 * {@code localhost}, the same server is two origins to the browser.
 */
final class TestPortal implements AutoCloseable {
    private final HttpServer server;
    private volatile String bangban = "";

    TestPortal() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (path.equals("/")) {
                body = page("空白页", "");
            } else if (path.equals("/portal.html")) {
                body = page("示例市政务服务网", "<h1>示例市政务服务网</h1><p>企业开办、纳税申报、社保医保一网通办。</p>"
                        + "<script type=\"module\" src=\"" + bangban + "/widget.js\" data-label=\"帮办\""
                        + " data-items=\"tax-registration,invoice-application,social-insurance\"></script>");
            } else {
                status = 404;
                body = "not found";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/html; charset=utf-8" : "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<link rel=\"icon\" href=\"data:,\"></head><body>" + body + "</body></html>";
    }

    /** The Bangban server whose widget the portal page embeds, e.g. http://localhost:8080. */
    TestPortal embedding(String bangbanOrigin) {
        this.bangban = bangbanOrigin;
        return this;
    }

    /** The portal's origin as the listed one: http://127.0.0.1:port. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The same portal under another name, so another origin: http://localhost:port. */
    String otherOrigin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
