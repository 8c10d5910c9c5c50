package dev.troupe.demo;

import dev.troupe.store.StoreException;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the start-up failures a user can fix (a taken port, an unreachable store) into one line that
 * names the option to change, instead of a stack trace. Anything else keeps its stack trace.
 */
final class StartupFailure implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        String fix = fix(failure);
        if (fix == null) {
            throw failure;
        }
        LOG.debug("start-up failed", failure);
        command.getErr().println("troupe demo: " + failure.getMessage() + "; " + fix);
        command.getErr().flush();
        return 1;
    }

    /** What the user can change on the command line, or null when it is not theirs to fix. */
    private static String fix(Exception failure) {
        if (failure instanceof StoreException) {
            return "check --store or TROUPE_STORE (a directory for SQLite, or"
                    + " postgresql://user:password@host:port/db) and that the database is running";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "set it with --port N or TROUPE_PORT=N";
            }
        }
        return null;
    }
}
