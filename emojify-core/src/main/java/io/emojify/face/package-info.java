/** Face detection: the {@link io.emojify.face.FaceDetector} plug-in and the face, box and landmark values it returns. */
package io.emojify.face;
