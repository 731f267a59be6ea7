/**
 * Emoji: the {@link io.emojify.emoji.EmojiMapper} plug-in, the built-in vector set and a loader for users' emoji packs.
 */
package io.emojify.emoji;
