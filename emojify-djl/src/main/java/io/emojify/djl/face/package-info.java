/** Face detectors over DJL's OnnxRuntime engine: YuNet (boxes and five landmarks) and UltraFace. */
package io.emojify.djl.face;
