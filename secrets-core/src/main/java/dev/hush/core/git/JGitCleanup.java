package dev.hush.core.git;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.util.CleanupService;
import org.eclipse.jgit.internal.util.ShutdownHook;

/**
 * Runs JGit's clean-up at exit without loading its messages. JGit 7's {@code ShutdownHook}, made
 * by the first repository, lock file or file-store attributes, hands its clean-up to a
 * {@code CleanupService}, which (outside OSGi) first loads {@code JGitText}, the 1,100 messages
 * of JGit set one by one by reflection from a properties file, and registers a JVM shutdown hook
 * whose run debug-logs a message from that bundle for each listener, on a new thread pool: a
 * fifth of a pre-commit scan's CPU, for log lines that hush (slf4j-nop) never writes.
 *
 * <p>{@link #install()} makes the service JGit's OSGi mode uses ({@code new CleanupService()},
 * which only keeps the clean-up to run), and registers a hook of its own that does what JGit's
 * does: marks the shutdown in progress (so no listener registers late) and calls each listener
 * (JGit's lock files delete themselves; the file-store attributes stop their save thread),
 * without the log lines. JGit's fields are reached through variable handles, checked when
 * installed; when they are not there (another JGit), nothing is installed and JGit registers its
 * own hook, as before; if reading them fails at exit, JGit's own clean-up runs.
 */
final class JGitCleanup {
    private static boolean installed;

    private JGitCleanup() {
    }

    /**
     * Installs the clean-up, unless JGit's own is already registered; call it before JGit's first
     * use. Returns whether hush's clean-up is the one that will run.
     */
    static synchronized boolean install() {
        if (installed) {
            return true;
        }
        Handles handles = Handles.find();
        if (handles == null || handles.instance.get() != null) {
            // JGit's service exists already (another user of JGit in this JVM): it keeps its own hook.
            return false;
        }
        CleanupService service;
        try {
            service = new CleanupService();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        Thread hook = new Thread(() -> run(handles, service), "hush-jgit-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting already; nothing of JGit's will need cleaning.
        }
        installed = true;
        return true;
    }

    /** Runs at exit: what JGit's {@code ShutdownHook.cleanup} does, less its messages and thread pool. */
    private static void run(Handles handles, CleanupService service) {
        Runnable jgits = (Runnable) handles.cleanup.get(service);
        if (jgits == null) {
            // No ShutdownHook was ever made: no lock file, no file-store attributes to stop.
            return;
        }
        List<ShutdownHook.Listener> listeners;
        try {
            AtomicBoolean inProgress = (AtomicBoolean) handles.inProgress.get(ShutdownHook.INSTANCE);
            if (inProgress.getAndSet(true)) {
                return;
            }
            @SuppressWarnings("unchecked")
            Set<ShutdownHook.Listener> registered = (Set<ShutdownHook.Listener>) handles.listeners.get(ShutdownHook.INSTANCE);
            listeners = new ArrayList<>(registered);
        } catch (RuntimeException e) {
            jgits.run();
            return;
        }
        for (ShutdownHook.Listener listener : listeners) {
            try {
                listener.onShutdown();
            } catch (RuntimeException e) {
                // JGit logs this and goes on with the next listener; hush's slf4j writes nothing.
            }
        }
    }

    /** The private fields of JGit's clean-up classes; null when one of them is missing or of another type. */
    private record Handles(VarHandle instance, VarHandle cleanup, VarHandle listeners, VarHandle inProgress) {
        static Handles find() {
            try {
                // Class literals and lookups do not initialise the classes: ShutdownHook is not made here.
                MethodHandles.Lookup service = MethodHandles.privateLookupIn(CleanupService.class, MethodHandles.lookup());
                MethodHandles.Lookup hook = MethodHandles.privateLookupIn(ShutdownHook.class, MethodHandles.lookup());
                return new Handles(
                        service.findStaticVarHandle(CleanupService.class, "INSTANCE", CleanupService.class),
                        service.findVarHandle(CleanupService.class, "cleanup", Runnable.class),
                        hook.findVarHandle(ShutdownHook.class, "listeners", Set.class),
                        hook.findVarHandle(ShutdownHook.class, "shutdownInProgress", AtomicBoolean.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
