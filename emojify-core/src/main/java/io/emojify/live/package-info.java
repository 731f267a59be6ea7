/**
 * Real time: a camera's frames or a video's frames through Emojify while they are shown or written.
 *
 * <p>{@link io.emojify.live.LiveSession} (from {@code Emojify.live()}) analyses the newest frame of a camera on its own
 * worker and tells the application, for every frame it shows, where each tracked face is at that moment;
 * {@link io.emojify.live.OrderedSession} analyses every frame of a file in order while the application draws and encodes
 * the earlier ones. Both track the faces with {@link io.emojify.track.FaceTracker}.
 */
package io.emojify.live;
