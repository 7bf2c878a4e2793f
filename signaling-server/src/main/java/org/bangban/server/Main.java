package org.bangban.server;

import org.bangban.config.Config;
import org.bangban.relay.NettyLeakDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Bangban: {@code ./bangban} or {@code java -jar bangban-server.jar}. SIGTERM drains and exits 0. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        NettyLeakDetection.disableUnlessConfigured();
        Bangban bangban;
        try {
            Config config = Config.load(System.getenv());
            bangban = Bangban.start(config);
        } catch (Config.ConfigException e) {
            System.err.println("bangban: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            log.error("bangban could not start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        // SIGTERM / SIGINT: drain, then exit 0 (a plain shutdown hook would exit 143).
        Runnable drainAndExit = () -> {
            int status = 0;
            try {
                log.info("shutdown signal received: draining (no new requests, clients told, writes finished)");
                bangban.close();
                log.info("bangban stopped");
            } catch (Throwable t) {
                status = 1;
                System.err.println("bangban: error while draining: " + t);
                t.printStackTrace();
            }
            System.exit(status);
        };
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                // Not a daemon (the signal thread is one): the JVM must wait for the drain to finish.
                Thread t = new Thread(drainAndExit, "bangban-drain");
                t.setDaemon(false);
                t.start();
            });
        }
        System.out.println(bangban.banner());
    }
}
