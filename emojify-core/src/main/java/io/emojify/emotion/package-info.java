/** Emotion classification: the seven FER-2013 {@link io.emojify.emotion.Emotion}s, their scores, and the classifier plug-in. */
package io.emojify.emotion;
