package dev.greenlight.engine.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a rule may reach, and nothing else: the types listed in {@link #TYPES} (by simple name,
 * each with its one package), and of their public members only those whose result and parameters are
 * again listed types, primitives, or arrays of them. The list is closed under what its members hand
 * back, so no chain of calls leaves it: {@code getClass()} (a {@code Class}), {@code stream()} (a
 * {@code Stream}, threads behind {@code parallel()}), {@code forEach}/{@code computeIfAbsent}
 * ({@code java.util.function}), {@code chars()} are all outside. A handful of members that pass that
 * test but touch the JVM are refused by name ({@link #DENIED_MEMBERS}). Members are allowed by name
 * (MVEL dispatches at run time, so a name is what a rule can call, whatever the receiver). Bean
 * property names ({@code program} for {@code getProgram()}) count as members, since patterns use them.
 * Immutable and thread-safe.
 */
final class AllowList {
    /** Every type a rule may name, by simple name. */
    static final Map<String, Class<?>> TYPES;
    /**
     * Members that pass the type test but reach the JVM: thread signalling, the default locale (global
     * state), system properties ({@code Integer.getInteger}, {@code Boolean.getBoolean}), the clock (a
     * rule reading {@code now()} decides differently on replay: the decision's time is on the facts).
     */
    static final Set<String> DENIED_MEMBERS = Set.of("wait", "notify", "notifyAll", "setDefault", "getClass",
            "getClassLoader", "forName", "class", "getInteger", "getBoolean", "getLong", "now", "systemDefault");
    /** Every member name a rule may use after a dot. */
    static final Set<String> MEMBERS;

    static {
        Map<String, Class<?>> t = new LinkedHashMap<>();
        for (Class<?> c : List.<Class<?>>of(
                // the model
                dev.greenlight.model.Submission.class, dev.greenlight.model.Submitter.class,
                dev.greenlight.model.ModelInfo.class, dev.greenlight.model.Media.class,
                dev.greenlight.model.Provenance.class, dev.greenlight.model.Signal.class, dev.greenlight.model.Votes.class,
                dev.greenlight.model.Verdict.class, dev.greenlight.model.Reason.class, dev.greenlight.model.Decision.class,
                dev.greenlight.model.RulesetRef.class, dev.greenlight.model.PluginRun.class,
                // java.lang: values, text and arithmetic
                String.class, Math.class, Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class,
                Boolean.class, Character.class, Number.class, Object.class, StringBuilder.class, CharSequence.class,
                Comparable.class, Iterable.class, IllegalStateException.class, IllegalArgumentException.class,
                RuntimeException.class, ArithmeticException.class, NullPointerException.class,
                UnsupportedOperationException.class, IndexOutOfBoundsException.class,
                // java.util collections
                List.class, java.util.ArrayList.class, java.util.LinkedList.class, Map.class, java.util.HashMap.class,
                LinkedHashMap.class, java.util.TreeMap.class, Set.class, java.util.HashSet.class,
                java.util.LinkedHashSet.class, TreeSet.class, java.util.Collection.class, Collections.class,
                java.util.Arrays.class, java.util.Objects.class, java.util.Optional.class, java.util.Iterator.class,
                Locale.class, java.util.Comparator.class, java.util.Deque.class, java.util.ArrayDeque.class,
                java.util.Queue.class, java.util.StringJoiner.class, java.util.NavigableMap.class,
                java.util.SortedMap.class, java.util.SortedSet.class, Map.Entry.class,
                // java.time
                java.time.Instant.class, java.time.Duration.class, java.time.LocalDate.class,
                java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.ZonedDateTime.class,
                java.time.OffsetDateTime.class, java.time.ZoneId.class, java.time.ZoneOffset.class,
                java.time.DayOfWeek.class, java.time.Month.class, java.time.Year.class, java.time.YearMonth.class,
                java.time.Period.class, java.time.temporal.ChronoUnit.class)) {
            t.put(c.getSimpleName(), c);
        }
        TYPES = Collections.unmodifiableMap(t);
        Set<String> members = new TreeSet<>();
        for (Class<?> c : TYPES.values()) {
            for (Method m : c.getMethods()) {
                if (allowed(m.getReturnType()) && List.of(m.getParameterTypes()).stream().allMatch(AllowList::allowed)) {
                    members.add(m.getName());
                    property(m).ifPresent(members::add);
                }
            }
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && allowed(f.getType())) {
                    members.add(f.getName());
                }
            }
        }
        members.addAll(TYPES.keySet()); // nested types named through their outer one (Map.Entry)
        members.add("length"); // of an array
        members.removeAll(DENIED_MEMBERS);
        MEMBERS = Collections.unmodifiableSet(members);
    }

    private AllowList() {
    }

    private static boolean allowed(Class<?> c) {
        if (c.isArray()) {
            return allowed(c.getComponentType());
        }
        return c.isPrimitive() || TYPES.containsValue(c);
    }

    /** {@code program} for {@code getProgram()}, {@code c2pa} for {@code isC2pa()}. */
    private static java.util.Optional<String> property(Method m) {
        String n = m.getName();
        int prefix = n.startsWith("get") && n.length() > 3 ? 3 : n.startsWith("is") && n.length() > 2 ? 2 : 0;
        if (prefix == 0 || m.getParameterCount() != 0) {
            return java.util.Optional.empty();
        }
        String rest = n.substring(prefix);
        return java.util.Optional.of(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
    }

    /** Whether a rule may use {@code name} after a dot. */
    static boolean member(String name) {
        return MEMBERS.contains(name);
    }

    /** Whether {@code name} is a type a rule may name. */
    static boolean type(String name) {
        return TYPES.containsKey(name);
    }

    /**
     * How many leading segments of a qualified name ({@code java.util.List}, {@code java.lang.Math.max})
     * spell an allowed type with its package; 0 when none does. A package import ({@code java.util.*},
     * {@code dev.greenlight.model.*}) counts whole when some allowed type lives in it.
     */
    static int typePrefix(List<String> segments) {
        for (int k = segments.size(); k >= 2; k--) {
            String last = segments.get(k - 1);
            Class<?> c = TYPES.get(last);
            if (c != null && String.join(".", segments.subList(0, k)).equals(c.getName().replace('$', '.'))) {
                return k;
            }
        }
        return 0;
    }

    /** Whether {@code pkg} (dotted) is the package of some allowed type, for {@code import pkg.*}. */
    static boolean packageOfAType(String pkg) {
        return TYPES.values().stream().anyMatch(c -> c.getPackageName().equals(pkg));
    }
}
