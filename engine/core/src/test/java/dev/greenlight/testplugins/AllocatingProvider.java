package dev.greenlight.testplugins;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.SignalProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocates without bound: keeps 1 MiB blocks until the heap runs out. Only ever run in a JVM of
 * its own with a small {@code -Xmx} (see {@code OutOfMemoryPluginTest}): in a shared JVM the
 * OutOfMemoryError could land on any thread.
 */
public class AllocatingProvider implements SignalProvider {
    @Override
    public List<Signal> analyse(Submission submission, AnalysisContext context) {
        List<byte[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new byte[1 << 20]);
        }
    }
}
