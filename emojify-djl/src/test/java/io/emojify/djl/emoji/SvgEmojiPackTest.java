package io.emojify.djl.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.EmojiMapperContract;
import io.emojify.emoji.BuiltInEmojiSet;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emoji.EmojiPack;
import io.emojify.emotion.Emotion;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With emojify-djl on the class path, SVG packs are drawn (crisp at any size): Twemoji's SVG set from the shared folder. */
class SvgEmojiPackTest extends EmojiMapperContract {

    @Override
    protected EmojiMapper createMapper() {
        return EmojiPack.load(SharedData.require("data/emoji/twemoji/svg"));
    }

    @Test
    void twemojiSvgIsDrawnLargeAndNotFromThePngs() {
        EmojiPack pack = EmojiPack.load(SharedData.require("data/emoji/twemoji/svg"));
        BufferedImage big = pack.map(Emotion.HAPPY, null).render(512);
        assertEquals(512, big.getWidth());
        int centre = big.getRGB(256, 100);
        assertTrue((centre >>> 24) > 200, "the face is drawn at full size: " + Integer.toHexString(centre));
    }

    @Test
    void anOpenMojiStyleSvgFolderLoads(@TempDir Path dir) throws Exception {
        for (Emotion e : Emotion.values()) {
            String cp = BuiltInEmojiSet.INSTANCE.emoji(e).codePoints().toUpperCase();
            Files.writeString(dir.resolve(cp + ".svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 72 72\">"
                    + "<circle cx=\"36\" cy=\"36\" r=\"30\" fill=\"#FCEA2B\"/></svg>");
        }
        BufferedImage img = EmojiPack.load(dir).map(Emotion.SAD, null).render(100);
        int c = img.getRGB(50, 50);
        assertEquals(0xFC, (c >> 16) & 0xff, Integer.toHexString(c));
        assertEquals(0, img.getRGB(1, 1) >>> 24, "outside the circle is transparent");
    }
}
