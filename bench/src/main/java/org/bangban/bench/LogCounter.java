package org.bangban.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Counts the WARN and ERROR lines of the server's log and keeps the first few, for the report: as a logback
 * appender for the embedded node, or fed the output lines of a server process ({@link #line}).
 */
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

    /** A counter fed by {@link #line} only (a server process). */
    static LogCounter forLines() {
        return new LogCounter();
    }

    @Override
    protected void append(ILoggingEvent e) {
        count(e.getLevel(), e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
    }

    /** One line of a server process's output, in the server's pattern: "date time LEVEL [thread] logger - message". */
    void line(String line) {
        Matcher m = LINE.matcher(line);
        if (m.find()) count(Level.toLevel(m.group(1)), line.substring(m.end()));
    }

    private static final Pattern LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) +");

    private void count(Level level, String text) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            errors.incrementAndGet();
        } else if (level.isGreaterOrEqual(Level.WARN)) {
            warnings.incrementAndGet();
        } else {
            return;
        }
        synchronized (first) {
            if (first.size() < KEEP) first.add(level + " " + text);
        }
    }

    List<String> first() {
        synchronized (first) {
            return List.copyOf(first);
        }
    }
}
