package io.emojify;

import io.emojify.image.ImageDecoder;
import io.emojify.render.EmojiRenderer;
import java.awt.image.BufferedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts an {@link Emojify} runs, assembled from its builder's settings: the detector and classifier (given or
 * discovered), the analysis of an image's faces, the renderer, the decoder of encoded images and the pixel limit.
 *
 * @param components the detector and classifier, and which of them the instance closes
 * @param analysis detects, classifies and maps the faces
 * @param renderer draws the emoji
 * @param decoder reads files and streams
 * @param maxPixels the largest image accepted, in pixels
 */
record Pipeline(Components components, FaceAnalysis analysis, EmojiRenderer renderer, ImageDecoder decoder,
        long maxPixels) {

    private static final Logger LOG = LoggerFactory.getLogger(Emojify.class);

    /** Resolves the components the settings do not give and assembles the rest around them. */
    static Pipeline assemble(BuilderSettings s) {
        Components components = Components.resolve(s.detector, s.classifier, s.closeGivenComponents, s.options);
        Pipeline pipeline = new Pipeline(components,
                new FaceAnalysis(components.detector(), components.classifier(), s.mapper), new EmojiRenderer(s.mode),
                new ImageDecoder(s.maxPixels), s.maxPixels);
        LOG.info("Emojify ready: face detector {}, emotion classifier {}, emoji {}, mode {}",
                components.detector().name(), components.classifier().name(), s.mapper.getClass().getSimpleName(),
                s.mode);
        return pipeline;
    }

    /** Refuses a null image, or one over the pixel limit with the way to raise it, as an {@link EmojifyException}. */
    void check(BufferedImage image) {
        if (image == null) {
            throw new EmojifyException("The image is null");
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        if (pixels > maxPixels) {
            throw new EmojifyException("The image is " + image.getWidth() + "x" + image.getHeight() + " (" + pixels
                    + " pixels), over the limit of " + maxPixels + " pixels; downscale it or raise the limit with "
                    + "Emojify.builder().optMaxPixels(...)");
        }
    }
}
