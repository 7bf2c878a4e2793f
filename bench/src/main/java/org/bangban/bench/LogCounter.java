package org.bangban.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/** Counts the WARN and ERROR lines of the embedded server's log and keeps the first few, for the report. */
final class LogCounter extends AppenderBase<ILoggingEvent> {
    private static final int KEEP = 10;
    final AtomicLong warnings = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final List<String> first = new ArrayList<>();

    static LogCounter install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCounter c = new LogCounter();
        c.setContext(context);
        c.setName("bench-counter");
        c.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(c);
        return c;
    }

    /** Sets one logger's level (e.g. quiet the 1,000 "staff account created" lines while seeding). */
    static void level(String logger, Level level) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.incrementAndGet();
        } else if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
            warnings.incrementAndGet();
        } else {
            return;
        }
        synchronized (first) {
            if (first.size() < KEEP) first.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
        }
    }

    List<String> first() {
        synchronized (first) {
            return List.copyOf(first);
        }
    }
}
