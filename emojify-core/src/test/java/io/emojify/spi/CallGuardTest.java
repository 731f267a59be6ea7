package io.emojify.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.EmojifyException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallGuardTest {

    @Test
    void closeWaitsForACallInProgressReleasesOnceAndLaterCallsGetTheClosedError() throws Exception {
        CallGuard guard = new CallGuard(() -> new EmojifyException("the detector is closed"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger releasedWhileCalling = new AtomicInteger(-1);
        AtomicInteger released = new AtomicInteger();
        Thread call = new Thread(() -> guard.call(() -> {
            inside.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            releasedWhileCalling.set(released.get());
            return null;
        }));
        call.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(() -> guard.close(released::incrementAndGet));
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close() waits for the call in progress");
        finish.countDown();
        call.join(10_000);
        closer.join(10_000);
        assertEquals(0, releasedWhileCalling.get(), "nothing was released under the call");
        assertEquals(1, released.get());
        assertFalse(guard.close(released::incrementAndGet), "a second close does nothing");
        assertEquals(1, released.get());
        EmojifyException e = assertThrows(EmojifyException.class, () -> guard.call(() -> "late"));
        assertEquals("the detector is closed", e.getMessage());
    }
}
