package chatroom.bench.scenario;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the server JVM's own memory through JMX: heap used after a full GC, plus direct buffer
 * memory (where Netty's pooled allocator keeps its arenas when, as by default on Java 17, it
 * allocates through {@code ByteBuffer.allocateDirect}). The server is found by process id or by
 * its jar name among local JVMs and its management agent is started by the attach API, so the
 * server needs no flag.
 */
public final class ServerProbe implements AutoCloseable {

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final BufferPoolMXBean direct;
    private final ThreadMXBean threads;
    private final Path status;

    private ServerProbe(JMXConnector connector, MBeanServerConnection server, String pid) throws IOException {
        this.connector = connector;
        this.status = Path.of("/proc", pid, "status");
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        this.direct = ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    }

    /** The JVM running in this process (an in-process server, as in the smoke tests). */
    public static ServerProbe local() throws IOException {
        return new ServerProbe(null, ManagementFactory.getPlatformMBeanServer(),
                Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Attaches to the server JVM {@code pid}, or when null to the one local JVM whose command names
     * {@code chat-server}.
     */
    public static ServerProbe attach(String pid) throws Exception {
        String target = pid != null ? pid : findServerPid();
        if (target.equals(Long.toString(ProcessHandle.current().pid()))) {
            return local();
        }
        VirtualMachine vm = VirtualMachine.attach(target);
        try {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            return new ServerProbe(connector, connector.getMBeanServerConnection(), target);
        } finally {
            vm.detach();
        }
    }

    private static String findServerPid() {
        return VirtualMachine.list().stream()
                .filter(d -> d.displayName().contains("chat-server") || d.displayName().contains("chatroom.server.Main"))
                .map(VirtualMachineDescriptor::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no local chat-server JVM found; give its process id with --server-pid"));
    }

    /**
     * Heap after full GC plus direct buffer memory, in bytes, the live thread count, and the
     * process's resident memory after that GC (what the machine gives it: heap committed, thread
     * stacks, metaspace, code cache, direct and native memory).
     */
    public Reading read() {
        memory.gc();
        memory.gc();
        return new Reading(memory.getHeapMemoryUsage().getUsed(), direct.getMemoryUsed(), threads.getThreadCount(),
                memory.getHeapMemoryUsage().getCommitted(), residentBytes(status));
    }

    /** {@code VmRSS} of a {@code /proc/PID/status} file in bytes; -1 where there is none (not Linux). */
    static long residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
        }
    }

    public record Reading(long heapBytes, long directBytes, int threads, long heapCommittedBytes, long residentBytes) {

        public long totalBytes() {
            return heapBytes + directBytes;
        }
    }
}
