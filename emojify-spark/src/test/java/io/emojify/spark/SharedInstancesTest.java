package io.emojify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-JVM holder: one instance per key, created once, closed by {@link SharedInstances#closeAll()}. */
class SharedInstancesTest {

    /** Counts its closes. */
    static final class Resource implements AutoCloseable {
        final String key;
        int closes;
        final boolean failOnClose;

        Resource(String key) {
            this.key = key;
            this.failOnClose = key.startsWith("fail");
        }

        @Override
        public void close() {
            closes++;
            if (failOnClose) {
                throw new IllegalStateException("cannot close " + key);
            }
        }
    }

    @Test
    void oneInstancePerKeyAndTheHolderClosesIt() {
        List<Resource> created = new ArrayList<>();
        SharedInstances<String, Resource> holder = new SharedInstances<>(k -> {
            Resource r = new Resource(k);
            created.add(r);
            return r;
        });
        Resource a = holder.get("a");
        assertSame(a, holder.get("a"));
        Resource b = holder.get("b");
        assertNotSame(a, b);
        assertEquals(2, holder.size());

        assertEquals(2, holder.closeAll());
        assertEquals(1, a.closes);
        assertEquals(1, b.closes);
        assertEquals(0, holder.size());

        Resource again = holder.get("a");
        assertNotSame(a, again, "a closed instance is never handed out again");
        assertEquals(0, again.closes);
        assertEquals(3, created.size());
    }

    @Test
    void aFailedCloseDoesNotKeepTheOthersOpen() {
        SharedInstances<String, Resource> holder = new SharedInstances<>(Resource::new);
        Resource bad = holder.get("fail");
        Resource good = holder.get("good");
        assertEquals(1, holder.closeAll());
        assertEquals(1, bad.closes);
        assertEquals(1, good.closes);
        assertEquals(0, holder.size());
    }

    @Test
    void concurrentFirstUsesCreateOneInstance() throws Exception {
        List<Resource> created = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        SharedInstances<String, Resource> holder = new SharedInstances<>(k -> {
            Resource r = new Resource(k);
            created.add(r);
            return r;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Resource>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return holder.get("k");
                }));
            }
            start.countDown();
            List<Resource> results = new ArrayList<>();
            for (Future<Resource> f : got) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, created.size());
            for (Resource r : results) {
                assertSame(created.get(0), r);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(holder.closeAll() <= 1);
        }
    }
}
