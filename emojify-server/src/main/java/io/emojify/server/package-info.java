/**
 * {@code emojify serve}: an HTTP and WebSocket API over one shared {@link io.emojify.Emojify} instance
 * ({@link io.emojify.server.EmojifyServer}), the JSON form of annotated faces ({@link io.emojify.server.FaceJson}) and the
 * live camera page served from this module's resources.
 */
package io.emojify.server;
