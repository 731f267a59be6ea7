package io.emojify.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.EmojiMapperContract;
import io.emojify.emotion.Emotion;
import io.emojify.testing.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the third-party Twemoji pack from the shared folder the way a user points Emojify at their own pack. */
class EmojiPackTest extends EmojiMapperContract {

    @Override
    protected EmojiMapper createMapper() {
        return EmojiPack.load(SharedData.require("data/emoji/twemoji"));
    }

    @Test
    void twemojiIsCreditedAndUsesItsOwnArt() {
        EmojiPack pack = EmojiPack.load(SharedData.require("data/emoji/twemoji"));
        assertTrue(pack.attribution().orElseThrow().contains("Twemoji"), pack.attribution().toString());
        Emoji happy = pack.map(Emotion.HAPPY, null);
        assertEquals("1f604", happy.codePoints());
        BufferedImage art = happy.render(64);
        BufferedImage builtIn = BuiltInEmojiSet.INSTANCE.emoji(Emotion.HAPPY).render(64);
        assertTrue(!java.util.Arrays.equals(art.getRGB(0, 0, 64, 64, null, 0, 64),
                builtIn.getRGB(0, 0, 64, 64, null, 0, 64)), "the pack's art must be used, not the built-in one");
    }

    @Test
    void notoAndOpenMojiNamingsAreFound(@TempDir Path dir) throws Exception {
        int i = 0;
        for (Emotion e : Emotion.values()) {
            String cp = BuiltInEmojiSet.INSTANCE.emoji(e).codePoints();
            String name = i++ % 2 == 0 ? "emoji_u" + cp + ".png" : cp.toUpperCase() + ".png";
            ImageIO.write(square(Color.RED, 72), "png", dir.resolve(name).toFile());
        }
        EmojiPack pack = EmojiPack.load(dir);
        assertEquals(Color.RED.getRGB(), pack.map(Emotion.FEAR, null).render(10).getRGB(5, 5));
        assertTrue(pack.attribution().isEmpty());
    }

    @Test
    void missingFolderOrFileNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        EmojiException e = assertThrows(EmojiException.class, () -> EmojiPack.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        ImageIO.write(square(Color.BLUE, 16), "png", dir.resolve("1f604.png").toFile());
        EmojiException missing = assertThrows(EmojiException.class, () -> EmojiPack.load(dir));
        assertTrue(missing.getMessage().contains("angry") && missing.getMessage().contains("1f620"), missing.getMessage());
    }

    @Test
    void aCorruptPngIsTheLibrarysError(@TempDir Path dir) throws Exception {
        for (Emotion e : Emotion.values()) {
            Files.writeString(dir.resolve(BuiltInEmojiSet.INSTANCE.emoji(e).codePoints() + ".png"), "not a png");
        }
        EmojiException e = assertThrows(EmojiException.class, () -> EmojiPack.load(dir));
        assertTrue(e.getMessage().contains(".png"), e.getMessage());
    }

    @Test
    void aPackImageDeclaringAHugeSizeIsRefusedBeforeDecoding(@TempDir Path dir) throws Exception {
        for (Emotion e : Emotion.values()) {
            ImageIO.write(square(Color.GREEN, 32), "png", dir.resolve(BuiltInEmojiSet.INSTANCE.emoji(e).codePoints()
                    + ".png").toFile());
        }
        // the happy emoji's PNG declares 40000x40000 pixels in its header (a few hundred bytes on disk)
        Path bomb = dir.resolve(BuiltInEmojiSet.INSTANCE.emoji(Emotion.HAPPY).codePoints() + ".png");
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(square(Color.GREEN, 8), "png", png);
        byte[] b = png.toByteArray();
        java.nio.ByteBuffer.wrap(b).putInt(16, 40_000).putInt(20, 40_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 12, 17);
        java.nio.ByteBuffer.wrap(b).putInt(29, (int) crc.getValue());
        Files.write(bomb, b);
        EmojiException e = assertThrows(EmojiException.class, () -> EmojiPack.load(dir));
        assertTrue(e.getMessage().contains(bomb.getFileName().toString())
                && e.getMessage().contains("40000x40000 pixels, over the limit"), e.getMessage());
    }

    private static BufferedImage square(Color c, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return img;
    }
}
