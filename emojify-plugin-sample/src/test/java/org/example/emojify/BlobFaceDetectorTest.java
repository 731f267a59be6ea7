package org.example.emojify;

import io.emojify.contract.FaceDetectorContract;
import io.emojify.face.FaceDetector;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The detector passes every test of Emojify's contract, detection checked on a picture of this project's own. */
class BlobFaceDetectorTest extends FaceDetectorContract {

    @Override
    protected FaceDetector createDetector() {
        return new BlobFaceDetector();
    }

    /** Three white ovals on a dark ground: what this detector calls faces. */
    @Override
    protected BufferedImage imageWithFaces() {
        BufferedImage img = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(40, 40, 60));
        g.fillRect(0, 0, 240, 120);
        g.setColor(Color.WHITE);
        g.fillOval(20, 20, 40, 50);
        g.fillOval(100, 30, 30, 40);
        g.fillOval(170, 25, 50, 60);
        g.dispose();
        return img;
    }

    @Override
    protected int expectedFaces() {
        return 3;
    }
}
