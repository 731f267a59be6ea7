package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.DjlEmojifyProvider;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.face.FaceDetector;
import io.emojify.face.WholeImageFaceDetector;
import io.emojify.model.ModelException;
import picocli.CommandLine.Option;

/**
 * The face detection options that {@code annotate}, {@code video} and {@code webcam} share: which detector, its minimum
 * score and the size it looks at, or no detection at all for inputs that are face crops.
 */
final class DetectionOptions {

    /**
     * The detector a command's options chose, which the command closes; none ({@code detector} null) when the library's
     * discovery chooses.
     *
     * @param detector the detector, or null
     */
    record Chosen(FaceDetector detector) implements AutoCloseable {

        /**
         * Gives the detector, if there is one, to a builder.
         *
         * @param builder the builder
         * @return the builder
         */
        Emojify.Builder applyTo(Emojify.Builder builder) {
            return detector == null ? builder : builder.optFaceDetector(detector);
        }

        @Override
        public void close() {
            if (detector != null) {
                detector.close();
            }
        }
    }

    @Option(names = "--detector", description = "yunet (default) or ultraface")
    String detector;

    @Option(names = "--min-score", paramLabel = "S",
            description = "Drop faces the detector is less sure of than S, 0 to 1 (default 0.8 for photos, 0.85 for video)")
    Double minScore;

    @Option(names = "--max-side", paramLabel = "PX", description = "Detect on the image scaled down to this longer side; "
            + "0 keeps the full size (default 2048 for photos, 640 for video). Time grows with the pixels: about 7 ms "
            + "at 500x375, 30 ms at 1024x768, 145 ms at 2000x1500 on two laptop cores.")
    Integer maxSide;

    @Option(names = "--whole-face", description = "Each image is one face already cut out (a face data set, avatars): "
            + "no detection, the whole image is classified")
    boolean wholeFace;

    /**
     * Makes the detector these options describe.
     *
     * @param preset the settings for what is not given ({@link DetectorSettings#PHOTO} or {@link DetectorSettings#VIDEO})
     * @return a new detector, which the caller closes; null when no detector was named and YuNet's weights cannot be had,
     *     so that the library's discovery chooses another backend (it logs a warning)
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     * @throws io.emojify.model.ModelException if the detector is unknown, or was named and its model cannot be had
     */
    FaceDetector open(DetectorSettings preset) {
        if (wholeFace) {
            return new WholeImageFaceDetector();
        }
        DetectorSettings settings = preset;
        if (minScore != null) {
            settings = settings.withScoreThreshold(minScore);
        }
        if (maxSide != null) {
            settings = settings.withMaxInputSide(maxSide);
        }
        try {
            return DjlEmojifyProvider.newFaceDetector(detector == null ? "yunet" : detector, settings);
        } catch (ModelException e) {
            if (detector != null) {
                throw e;
            }
            return null;
        }
    }

    /**
     * Makes the detector these options describe for a command, or prints why it cannot be made.
     *
     * @param preset the settings for what is not given
     * @return the detector chosen, which the caller closes; null after the reason (a value out of range, an unknown
     *     detector, a named detector whose model cannot be had) was printed: the command exits with code 2
     */
    Chosen openOrPrint(DetectorSettings preset) {
        try {
            return new Chosen(open(preset));
        } catch (IllegalArgumentException | EmojifyException e) {
            System.err.println("emojify: " + e.getMessage());
            return null;
        }
    }
}
