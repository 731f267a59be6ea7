package io.emojify.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.emojify.contract.EmojiMapperContract;
import io.emojify.emotion.Emotion;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInEmojiSetTest extends EmojiMapperContract {

    @Override
    protected EmojiMapper createMapper() {
        return BuiltInEmojiSet.INSTANCE;
    }

    @Test
    void eachEmotionHasItsOwnTextAndArt() {
        Set<String> texts = new HashSet<>();
        Set<Integer> arts = new HashSet<>();
        for (Emotion e : Emotion.values()) {
            Emoji emoji = BuiltInEmojiSet.INSTANCE.emoji(e);
            texts.add(emoji.text());
            arts.add(java.util.Arrays.hashCode(emoji.render(32).getRGB(0, 0, 32, 32, null, 0, 32)));
        }
        assertEquals(7, texts.size());
        assertEquals(7, arts.size());
    }

    @Test
    void textAndCodePointsAreTheUnicodeEmoji() {
        Emoji happy = BuiltInEmojiSet.INSTANCE.emoji(Emotion.HAPPY);
        assertEquals("\uD83D\uDE04", happy.text());
        assertEquals("1f604", happy.codePoints());
        assertEquals("1f632", BuiltInEmojiSet.INSTANCE.emoji(Emotion.SURPRISE).codePoints());
        assertNotEquals(happy.text(), BuiltInEmojiSet.INSTANCE.emoji(Emotion.SAD).text());
    }

    @Test
    void badSizeIsTheLibrarysError() {
        Emoji e = BuiltInEmojiSet.INSTANCE.emoji(Emotion.SAD);
        org.junit.jupiter.api.Assertions.assertThrows(EmojiException.class, () -> e.render(0));
        org.junit.jupiter.api.Assertions.assertThrows(EmojiException.class, () -> e.render(100_000));
    }
}
