package io.emojify.trainer.eval;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.emotion.Emotion;
import io.emojify.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures accuracy on the path users take: each labelled image, of any size, goes through {@link Emojify} itself
 * (decoding, face detection, FER framing, the gray conversion, the classifier), and the most prominent face found (the
 * largest box) is compared with the image's label. An image where no face is found counts as wrong in the overall
 * accuracy; {@link Result#accuracyOfFound()} leaves it out. Optionally each image is first shown the way a photo would
 * show it: enlarged, with a margin of background around the face, stored as colour.
 */
public final class PipelineEvaluator {

    private final Emojify emojify;
    private final View view;

    /**
     * @param emojify the pipeline to measure (its detector decides what counts as found)
     * @param view how each labelled image is presented to it
     */
    public PipelineEvaluator(Emojify emojify, View view) {
        this.emojify = emojify;
        this.view = view;
    }

    /**
     * How a labelled face image is presented to the pipeline.
     *
     * @param side the face's side after enlarging it (0: as stored)
     * @param margin the background added on every side, as a fraction of the face's side: the face's edge pixels
     *     repeated outwards and blurred by the scaling, as a crude stand-in for the scene around a face
     * @param colour true to store the image as 24-bit RGB before the pipeline sees it (the same gray levels)
     */
    public record View(int side, double margin, boolean colour) {
        /** The image as stored. */
        public static final View AS_STORED = new View(0, 0, false);

        BufferedImage apply(BufferedImage face) {
            int s = side > 0 ? side : Math.max(face.getWidth(), face.getHeight());
            int m = (int) Math.round(margin * s);
            boolean plain = side == 0 && m == 0;
            BufferedImage out = plain ? face : new BufferedImage(s + 2 * m, s + 2 * m,
                    colour ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
            if (!plain) {
                Graphics2D g = out.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.setColor(Color.GRAY);
                    g.fillRect(0, 0, out.getWidth(), out.getHeight());
                    // the face stretched over the whole canvas, blurred background, then the face itself on top
                    g.drawImage(face, 0, 0, out.getWidth(), out.getHeight(), null);
                    g.drawImage(face, m, m, s, s, null);
                } finally {
                    g.dispose();
                }
            }
            if (colour && out.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                BufferedImage rgb = new BufferedImage(out.getWidth(), out.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                float[] gray = io.emojify.image.Images.luma(out, 0, 0, out.getWidth(), out.getHeight());
                for (int i = 0; i < gray.length; i++) {
                    int v = Math.round(gray[i]);
                    rgb.setRGB(i % out.getWidth(), i / out.getWidth(), v << 16 | v << 8 | v);
                }
                out = rgb;
            }
            return out;
        }
    }

    /**
     * What the pipeline did with a folder.
     *
     * @param images the labelled images read
     * @param facesFound the images where at least one face was found
     * @param unreadable the files that could not be decoded (left out)
     * @param metrics accuracy, top-2, recall and confusion over the images where a face was found
     */
    public record Result(int images, int facesFound, int unreadable, Metrics metrics) {
        /**
         * @return correct answers over all images, an image without a face counting as wrong
         */
        public double accuracy() {
            return images == 0 ? 0 : metrics.accuracy * metrics.n / images;
        }

        /**
         * @return the top-2 accuracy over all images, an image without a face counting as wrong
         */
        public double top2() {
            return images == 0 ? 0 : metrics.top2 * metrics.n / images;
        }

        /**
         * @return the accuracy over the images where a face was found
         */
        public double accuracyOfFound() {
            return metrics.accuracy;
        }
    }

    /**
     * Runs every image of a folder of class folders (named by the FER classes; any subset) through the pipeline.
     *
     * @param folder the folder
     * @param limitPerClass at most this many images of each class, the first by name (0: all)
     * @return the result
     * @throws IOException if the folder cannot be listed, or holds no class folder or no image
     */
    public Result evaluate(Path folder, int limitPerClass) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        Metrics metrics = new Metrics();
        int images = 0;
        int found = 0;
        int unreadable = 0;
        int classes = 0;
        for (Emotion emotion : Emotion.values()) {
            Path dir = folder.resolve(emotion.label());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            classes++;
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).sorted().limit(limitPerClass > 0 ? limitPerClass : Long.MAX_VALUE)
                        .forEach(files::add);
            }
            for (Path file : files) {
                BufferedImage image;
                try {
                    image = view.apply(decoder.read(file));
                } catch (io.emojify.image.ImageDecodingException e) {
                    unreadable++;
                    continue;
                }
                images++;
                Optional<AnnotatedFace> main = emojify.analyze(image).stream()
                        .max((a, b) -> Double.compare(a.face().box().area(), b.face().box().area()));
                if (main.isPresent()) {
                    found++;
                    metrics.add(main.get().scores().toArray(), emotion.index());
                }
            }
        }
        if (classes == 0) {
            throw new IOException(folder + " holds no class folder (expected folders named " + Emotion.labels() + ")");
        }
        if (images == 0) {
            throw new IOException(folder + " holds no readable image in its class folders (" + unreadable
                    + " files could not be decoded)");
        }
        return new Result(images, found, unreadable, metrics.finish());
    }
}
