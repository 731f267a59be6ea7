/**
 * {@code emojify serve}: an HTTP and WebSocket API over one shared {@link io.emojify.Emojify} instance
 * ({@link io.emojify.server.EmojifyServer}), the JSON form of annotated faces ({@link io.emojify.server.FaceJson}) and the
 * live camera page served from this module's resources. Who is admitted (origins, host names, a token) is set by
 * {@link io.emojify.server.AccessSettings}; {@code GET /metrics} serves the Prometheus text format.
 */
package io.emojify.server;
