package io.emojify.spark;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances kept for the life of the JVM, one per key, created on first use and closed by {@link #closeAll()}, which a
 * shutdown hook calls when the JVM exits. Executors use it to share one Emojify among their tasks. Thread-safe: a key's
 * instance is created once even when several tasks ask for it at the same time.
 *
 * @param <K> the key (options with value equality)
 * @param <V> the instances
 */
final class SharedInstances<K, V extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInstances.class);

    private final Function<K, V> factory;
    private final Map<K, V> instances = new ConcurrentHashMap<>();
    private final AtomicBoolean hookAdded = new AtomicBoolean();

    /**
     * @param factory creates the instance for a key
     */
    SharedInstances(Function<K, V> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Returns the key's instance, creating it on first use.
     *
     * @param key the key
     * @return the instance, shared; never close it yourself
     */
    V get(K key) {
        if (hookAdded.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "emojify-spark-close"));
        }
        return instances.computeIfAbsent(key, factory);
    }

    /** @return how many instances are open */
    int size() {
        return instances.size();
    }

    /**
     * Closes and forgets every instance; the next {@link #get} creates a new one. Failures to close are logged.
     *
     * @return how many were closed
     */
    int closeAll() {
        int closed = 0;
        for (K key : List.copyOf(instances.keySet())) {
            V v = instances.remove(key);
            if (v != null) {
                try {
                    v.close();
                    closed++;
                } catch (Exception e) {
                    LOG.warn("Closing {} failed: {}", v, e.toString());
                }
            }
        }
        return closed;
    }
}
