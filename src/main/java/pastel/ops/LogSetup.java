package pastel.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/// Logging set up in code rather than logback.xml: parsing XML cost a third of a second of
/// start-up. Lines are logfmt (`key=value`), one event per line. `PASTEL_LOG_LEVEL` sets the level.
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // Tests bring their own logback-test.xml; let logback's default configurator read it.
        if (LogSetup.class.getResource("/logback-test.xml") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;

        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} level=%level logger=%logger{0} thread=%thread %msg%n%ex");
        encoder.start();

        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("stdout");
        console.setEncoder(encoder);
        console.start();

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("PASTEL_LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        for (var noisy : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
