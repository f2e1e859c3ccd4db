package org.shardkit.social;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.connect.ListeningConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.shardkit.testing.ChildJvm;

/**
 * Kills a child JVM with {@code SIGKILL} at the moment its n-th two-phase unit reaches a crash
 * point, without any test hook in the child: the child runs with a JDWP agent that connects to this
 * trap (a debugger listening in the parent), the trap sets a breakpoint in the body of shard-core's
 * production hook ({@code CrashPoint.Hook.NONE}, which every unit calls at each point), reads the
 * point from the breakpoint's frame, and when it is the wanted one kills the child while the unit's
 * thread is held there: not one instruction of the unit after the point runs, as with a crash.
 *
 * <p>It depends on shard-core's internals only through the hook's type name and its {@code
 * (CrashPoint, String)} signature: if they change, {@link #awaitKill} reports that the hook was not
 * found, rather than the test passing without a crash. One trap serves one child. Not thread-safe.
 */
final class CrashPointTrap implements AutoCloseable {
    private static final String HOOK = "org.shardkit.core.twophase.CrashPoint$Hook";
    private static final String POINT = "org.shardkit.core.twophase.CrashPoint";

    private final ListeningConnector connector;
    private final Map<String, Connector.Argument> arguments;
    private final String address;
    private final String point;
    private final int unit;
    private final CompletableFuture<String> killed = new CompletableFuture<>();
    private int seen;
    private @Nullable VirtualMachine vm;

    private CrashPointTrap(String point, int unit) throws IOException {
        this.point = point;
        this.unit = unit;
        this.connector = Bootstrap.virtualMachineManager().listeningConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketListen"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this JDK has no JDI socket listener"));
        this.arguments = connector.defaultArguments();
        set("localAddress", "127.0.0.1");
        set("port", "0"); // any free port
        set("timeout", "30000"); // how long accept waits for the child to connect, ms
        try {
            this.address = connector.startListening(arguments);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
    }

    private void set(String argument, String value) {
        Connector.Argument a = arguments.get(argument);
        if (a == null) {
            throw new IllegalStateException(connector.name() + " has no argument " + argument);
        }
        a.setValue(value);
    }

    /**
     * Starts listening for a child that is to die when its {@code unit}-th unit reaches {@code
     * point}.
     *
     * @param point a {@code CrashPoint} constant's name
     * @param unit which unit to kill at that point, from 1
     */
    static CrashPointTrap listen(String point, int unit) throws IOException {
        return new CrashPointTrap(point, unit);
    }

    /** The JVM option that makes a child connect to this trap and wait for it before running main. */
    String jvmArg() {
        return "-agentlib:jdwp=transport=dt_socket,server=n,suspend=y,address=" + address;
    }

    /**
     * Accepts the child's connection, sets the breakpoint once the hook's class is loaded, and lets
     * the child run.
     *
     * @param child the child started with {@link #jvmArg()}
     */
    void arm(ChildJvm child) throws IOException {
        VirtualMachine machine;
        try {
            machine = connector.accept(arguments);
            connector.stopListening(arguments);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
        vm = machine;
        ClassPrepareRequest prepare = machine.eventRequestManager().createClassPrepareRequest();
        prepare.addClassFilter(HOOK);
        prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepare.enable();
        Thread events = new Thread(() -> run(machine, child), "crash-point-trap");
        events.setDaemon(true);
        events.start();
        machine.resume();
    }

    /**
     * Waits until the child was killed at the point.
     *
     * @return the global id of the unit it died in
     * @throws IllegalStateException if it exited, or the hook could not be trapped, or the time ran
     *     out (the child is killed then)
     */
    String awaitKill(ChildJvm child, Duration timeout) throws InterruptedException {
        try {
            return killed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "child " + child + " was not killed at " + point + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            child.kill();
            throw new IllegalStateException(
                    "child " + child + " did not reach " + point + " of unit " + unit + " in " + timeout, e);
        }
    }

    private void run(VirtualMachine machine, ChildJvm child) {
        try {
            while (!killed.isDone()) {
                EventSet set = machine.eventQueue().remove();
                boolean resume = true;
                for (Event event : set) {
                    if (event instanceof ClassPrepareEvent prepared) {
                        breakIn(machine, prepared.referenceType());
                    } else if (event instanceof BreakpointEvent hit && reached(hit)) {
                        String globalId = argument(hit, 1);
                        child.kill(); // the unit's thread is held at the point: nothing after it runs
                        killed.complete(globalId);
                        resume = false;
                    } else if (event instanceof VMDisconnectEvent) {
                        killed.completeExceptionally(new IllegalStateException("it exited with "
                                + child.awaitExit(Duration.ofSeconds(30)) + " after " + seen + " units at the point"));
                        return;
                    }
                }
                if (resume) {
                    set.resume();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killed.completeExceptionally(e);
        } catch (RuntimeException e) {
            killed.completeExceptionally(e);
        }
    }

    /** Sets the breakpoint at the start of the hook's body: its only concrete (CrashPoint, String) method. */
    private void breakIn(VirtualMachine machine, ReferenceType hook) {
        List<Method> bodies = hook.methods().stream()
                .filter(m -> !m.isAbstract() && m.argumentTypeNames().equals(List.of(POINT, "java.lang.String")))
                .toList();
        if (bodies.size() != 1) {
            throw new IllegalStateException("expected one concrete (CrashPoint, String) method in " + HOOK
                    + " (the body of Hook.NONE)," + " found " + bodies);
        }
        BreakpointRequest request = machine.eventRequestManager()
                .createBreakpointRequest(bodies.get(0).location());
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        request.enable();
    }

    private boolean reached(BreakpointEvent hit) {
        if (!argument(hit, 0).equals(point)) {
            return false;
        }
        seen++;
        return seen == unit;
    }

    /** Argument 0 (the point, by its enum name) or 1 (the global id) of the hook's frame. */
    private static String argument(BreakpointEvent hit, int index) {
        try {
            Value value = hit.thread().frame(0).getArgumentValues().get(index);
            if (value instanceof StringReference s) {
                return s.value();
            }
            ObjectReference constant = (ObjectReference) value;
            return ((StringReference) constant.getValue(constant.referenceType().fieldByName("name"))).value();
        } catch (com.sun.jdi.IncompatibleThreadStateException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        VirtualMachine machine = vm;
        try {
            if (machine != null) {
                machine.dispose();
            } else {
                connector.stopListening(arguments);
            }
        } catch (RuntimeException | IOException | IllegalConnectorArgumentsException e) {
            // The child is gone (killed): the connection is too.
        }
    }
}
