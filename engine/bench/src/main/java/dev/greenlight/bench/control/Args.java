package dev.greenlight.bench.control;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a control's {@code main}. Not thread-safe; one per run. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    /** @throws IllegalArgumentException for an argument that is not {@code --name value} */
    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    double decimal(String name, double otherwise) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
    }
}
