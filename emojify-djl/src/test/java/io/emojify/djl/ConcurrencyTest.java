package io.emojify.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emojify.AnnotatedFace;
import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.image.ImageDecoder;
import io.emojify.image.Images;
import io.emojify.testing.SharedData;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Emojify instance shared by 8 threads for 2,000 annotations of mixed photos. */
class ConcurrencyTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyTest.class);

    @Test
    void eightThreadsGetTheSingleThreadedResultsAndMemoryStaysFlat() throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        try (Stream<Path> s = Files.list(SharedData.require("data/faces/photos"))) {
            for (Path p : s.sorted().limit(8).toList()) {
                BufferedImage img = new ImageDecoder().read(p);
                double scale = 320.0 / Math.max(img.getWidth(), img.getHeight());
                photos.add(Images.scaled(img, (int) (img.getWidth() * scale), (int) (img.getHeight() * scale),
                        BufferedImage.TYPE_3BYTE_BGR));
            }
        }
        Emojify emojify = Emojify.create();
        List<List<AnnotatedFace>> expected = new ArrayList<>();
        List<int[]> expectedPixels = new ArrayList<>();
        for (BufferedImage p : photos) {
            Annotation a = emojify.process(p);
            expected.add(a.faces());
            expectedPixels.add(TestImages.pixels(a.image()));
        }
        long rssBefore = 0;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // a first round of 2,000 warms every pool up; the second must not need more memory
            for (int round = 0; round < 2; round++) {
                if (round == 1) {
                    System.gc();
                    rssBefore = rssKb();
                }
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    int k = i % photos.size();
                    results.add(pool.submit(() -> {
                        Annotation a = emojify.process(photos.get(k));
                        assertEquals(expected.get(k).size(), a.faces().size());
                        for (int f = 0; f < a.faces().size(); f++) {
                            assertArrayEquals(expected.get(k).get(f).scores().toArray(),
                                    a.faces().get(f).scores().toArray(), 1e-5f);
                            assertEquals(expected.get(k).get(f).face().box(), a.faces().get(f).face().box());
                        }
                        assertArrayEquals(expectedPixels.get(k), TestImages.pixels(a.image()));
                        return null;
                    }));
                }
                for (Future<?> r : results) {
                    r.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.gc();
        long rssAfter = rssKb();
        emojify.close();
        emojify.close();
        assertThrows(EmojifyException.class, () -> emojify.process(photos.get(0)));
        // last, so that the checks above run everywhere: resident memory is read from Linux's /proc
        assumeTrue(rssBefore > 0 && rssAfter > 0, "Skipped the memory check: no /proc/self/status VmRSS here");
        long growth = rssAfter - rssBefore;
        LOG.info("Resident memory grew by {} MB over the second 2,000 annotations on 8 threads", growth / 1024);
        assertTrue(growth < 150 * 1024, "resident memory grew by " + growth / 1024 + " MB");
    }

    /** Resident memory in KiB, or 0 where the system does not report it as Linux does. */
    private static long rssKb() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
