package newsroom.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's and the process's own figures: heap and non-heap memory, garbage collections and their time per
 * collector, threads, CPU time, resident memory and start time. Names follow the Prometheus Java client's, so the
 * usual JVM dashboards read them.
 */
public final class JvmMetrics {
  private JvmMetrics() {}

  public static void register(Metrics metrics) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    metrics.gauge("jvm_memory_bytes_used", "Memory in use, by area", "area")
        .child(() -> memory.getHeapMemoryUsage().getUsed(), "heap")
        .child(() -> memory.getNonHeapMemoryUsage().getUsed(), "nonheap");
    metrics.gauge("jvm_memory_bytes_committed", "Memory the JVM has from the system, by area", "area")
        .child(() -> memory.getHeapMemoryUsage().getCommitted(), "heap")
        .child(() -> memory.getNonHeapMemoryUsage().getCommitted(), "nonheap");
    metrics.gauge("jvm_memory_bytes_max", "The most memory the area may use (-Xmx for the heap)", "area")
        .child(() -> memory.getHeapMemoryUsage().getMax(), "heap");

    Metrics.Sampled collections = metrics.counterOf("jvm_gc_collections_total", "Garbage collections, by collector", "gc");
    Metrics.Sampled gcSeconds =
        metrics.counterOf("jvm_gc_collection_seconds_total", "Time spent in garbage collections, by collector", "gc");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections.child(() -> Math.max(0, gc.getCollectionCount()), gc.getName());
      gcSeconds.child(() -> Math.max(0, gc.getCollectionTime()) / 1000.0, gc.getName());
    }
    metrics.gauge("jvm_threads_current", "Live threads").child(() -> ManagementFactory.getThreadMXBean().getThreadCount());

    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      metrics.counterOf("process_cpu_seconds_total", "CPU time of the process (user and system)")
          .child(() -> sun.getProcessCpuTime() / 1e9);
    }
    Path status = Path.of("/proc/self/status");
    if (Files.isReadable(status)) {
      metrics.gauge("process_resident_memory_bytes", "Resident memory of the process: heap, native and mapped index")
          .child(() -> residentBytes(status));
    }
    double started = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    metrics.gauge("process_start_time_seconds", "When the process started (Unix time)").child(() -> started);
  }

  private static double residentBytes(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // reported as unknown
    }
    return Double.NaN;
  }
}
