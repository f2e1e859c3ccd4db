package org.shardkit.core.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line written while a test runs, at every level: SLF4J through an appender on
 * logback's root logger (it and every logger with a level of its own set to {@code TRACE} for the
 * test; the appenders already there still print only {@code INFO} and above), and {@code java.util.logging} (pgjdbc's logger) through a handler
 * on its root at {@code ALL}. Each line is the formatted message, the logger, and the whole stack
 * trace of any throwable, so a test can search everything a run logged. Register it as a JUnit
 * extension; not thread-safe to read while a test still logs.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private final List<String> lines = new ArrayList<>();
    private final Appender<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder b = new StringBuilder()
                    .append(event.getLevel())
                    .append(' ')
                    .append(event.getLoggerName())
                    .append(" - ")
                    .append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    b.append("\n\t").append(frame.getSTEAsString());
                }
                for (IThrowableProxy s : t.getSuppressed()) {
                    b.append("\nSuppressed: ")
                            .append(s.getClassName())
                            .append(": ")
                            .append(s.getMessage());
                }
            }
            add(b.toString());
        }
    };
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder b = new StringBuilder()
                    .append(record.getLevel())
                    .append(' ')
                    .append(record.getLoggerName())
                    .append(" - ")
                    .append(new java.util.logging.SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                b.append('\n').append(trace);
            }
            add(b.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Filter<ILoggingEvent> infoAndAbove = new Filter<>() {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(Level.INFO) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    };
    private final List<Appender<ILoggingEvent>> quieted = new ArrayList<>();
    /** Loggers logback-test.xml gives a level of their own, with that level. */
    private final java.util.Map<ch.qos.logback.classic.Logger, Level> levels = new java.util.HashMap<>();

    private java.util.logging.Level julLevel = java.util.logging.Level.INFO;

    private synchronized void add(String line) {
        lines.add(line);
    }

    /** Returns every line captured so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (this) {
            lines.clear();
        }
        ch.qos.logback.classic.Logger root = root();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> existing = it.next();
            existing.addFilter(infoAndAbove);
            quieted.add(existing);
        }
        for (ch.qos.logback.classic.Logger logger : root.getLoggerContext().getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.put(logger, logger.getLevel());
                logger.setLevel(Level.TRACE);
            }
        }
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
        julLevel = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger.getLogger("org.postgresql").setLevel(java.util.logging.Level.ALL);
        julHandler.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(julHandler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ch.qos.logback.classic.Logger root = root();
        root.detachAppender(appender);
        appender.stop();
        levels.forEach(ch.qos.logback.classic.Logger::setLevel);
        levels.clear();
        for (Appender<ILoggingEvent> a : quieted) {
            a.clearAllFilters(); // logback-test.xml gives them none
        }
        quieted.clear();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
        jul.removeHandler(julHandler);
        jul.setLevel(julLevel);
        java.util.logging.Logger.getLogger("org.postgresql").setLevel(null);
    }

    private static ch.qos.logback.classic.Logger root() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
