package dev.hush.core.load;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.history.HistoryReport;
import dev.hush.core.model.ScanReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Runs one scan in its own JVM for {@link UnderLoadTest} and prints one line of measurements:
 * {@code wallMs cpuMs peakHeapMb findings files errors}, where CPU time is the whole process's
 * over the scan alone (JVM start-up excluded).
 *
 * <p>Usage: {@code LoadRun scan|history FOLDER}.
 */
public final class LoadRun {
    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long findings;
        long files;
        long errors;
        if (args[0].equals("scan")) {
            ScanReport report = Hush.scan().root(folder).config(HushConfig.defaults()).call();
            findings = report.findings().size();
            files = report.stats().files() + report.stats().binaryFiles();
            errors = report.errors().size();
        } else {
            HistoryReport report = Hush.history().repository(folder).config(HushConfig.defaults()).call();
            findings = report.findings().size();
            files = report.stats().commitsWalked();
            errors = report.errors().size() + (report.partial() ? 1 : 0);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpu = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("RESULT " + wall + " " + cpu + " " + peak / (1024 * 1024) + " " + findings + " " + files
                + " " + errors);
    }
}
