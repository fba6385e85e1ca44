package chatroom.bench.scenario;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
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

    private ServerProbe(JMXConnector connector, MBeanServerConnection server) throws IOException {
        this.connector = connector;
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        this.direct = ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    }

    /** The JVM running in this process (an in-process server, as in the smoke tests). */
    public static ServerProbe local() throws IOException {
        return new ServerProbe(null, ManagementFactory.getPlatformMBeanServer());
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
            return new ServerProbe(connector, connector.getMBeanServerConnection());
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

    /** Heap after full GC plus direct buffer memory, in bytes, and the live thread count. */
    public Reading read() {
        memory.gc();
        memory.gc();
        return new Reading(memory.getHeapMemoryUsage().getUsed(), direct.getMemoryUsed(), threads.getThreadCount());
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
        }
    }

    public record Reading(long heapBytes, long directBytes, int threads) {

        public long totalBytes() {
            return heapBytes + directBytes;
        }
    }
}
