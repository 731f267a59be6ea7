package io.emojify.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An emoji's art draws each size once; every caller still gets its own picture. */
class EmojiTest {

    private static Emoji counting(AtomicInteger draws) {
        return new Emoji("\uD83D\uDE04", "test", size -> {
            draws.incrementAndGet();
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.YELLOW);
            g.fillOval(0, 0, size, size);
            g.dispose();
            return image;
        });
    }

    @Test
    void aSizeIsDrawnOnceAndEachCallerGetsItsOwnCopy() {
        AtomicInteger draws = new AtomicInteger();
        Emoji emoji = counting(draws);
        BufferedImage first = emoji.render(64);
        first.setRGB(32, 32, 0xff0000ff); // the caller changes its picture
        BufferedImage second = emoji.render(64);
        assertEquals(1, draws.get(), "the second call of a size copies the kept picture");
        assertNotSame(first, second);
        assertEquals(0xffffff00, second.getRGB(32, 32), "a caller's change does not reach the next caller");
        emoji.render(65);
        assertEquals(2, draws.get(), "another size is drawn by the art");
    }

    @Test
    void theKeptPicturesStayWithinTheirBoundInBytes() {
        AtomicInteger draws = new AtomicInteger();
        Emoji emoji = counting(draws);
        for (int size = 100; size < 300; size++) {
            emoji.render(size);
        }
        long kept = 0;
        int count = emoji.keptSizes();
        for (int size = 299; size > 299 - count; size--) {
            kept += 4L * size * size;
        }
        assertTrue(count > 5 && count < 200, "some sizes are kept, not all: " + count);
        assertTrue(kept <= RenderedSizes.MAX_BYTES, kept + " bytes kept");
        int before = draws.get();
        emoji.render(299);
        assertEquals(before, draws.get(), "the most recent size is kept");
        emoji.render(100);
        assertEquals(before + 1, draws.get(), "the oldest size was let go");
    }
}
