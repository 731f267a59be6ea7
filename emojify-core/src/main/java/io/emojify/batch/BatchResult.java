package io.emojify.batch;

/**
 * What a batch did.
 *
 * @param done the images done (their results written, when the batch writes images)
 * @param total the images planned
 * @param stopped whether the batch stopped early because a result could not be written
 */
public record BatchResult(int done, int total, boolean stopped) {}
