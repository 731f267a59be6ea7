package io.emojify.contract;

import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;

/**
 * {@link FaceDetectorContract} with the shared photo of four smiling people ({@code data/faces/photos/2.jpg}) as the image
 * that must yield four faces; skipped with a message when the shared folder is not set.
 */
public abstract class FourPeopleDetectorContract extends FaceDetectorContract {

    @Override
    protected BufferedImage imageWithFaces() throws Exception {
        return ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
    }

    @Override
    protected int expectedFaces() {
        return 4;
    }
}
