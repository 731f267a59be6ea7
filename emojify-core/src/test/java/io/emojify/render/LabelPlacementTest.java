package io.emojify.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.face.BoundingBox;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels in BOXES mode on a crowd: inside the image, and not covering one another where there is room. */
class LabelPlacementTest {

    @Test
    void labelsOfACrowdStayInTheImageAndDoNotCoverEachOther() {
        int width = 400;
        int height = 300;
        List<Rectangle2D> placed = new ArrayList<>();
        // a row of eight small faces 40 px apart, each label 90 px wide: a label above each would overlap its neighbours
        for (int i = 0; i < 8; i++) {
            BoundingBox face = new BoundingBox(20 + 45 * i, 120, 30, 30);
            placed.add(EmojiRenderer.placeLabel(face, 90, 14, placed, width, height));
        }
        for (int i = 0; i < placed.size(); i++) {
            Rectangle2D r = placed.get(i);
            assertTrue(r.getX() >= 0 && r.getY() >= 0 && r.getMaxX() <= width && r.getMaxY() <= height, "label " + i
                    + " outside the image: " + r);
            for (int j = 0; j < i; j++) {
                Rectangle2D overlap = r.createIntersection(placed.get(j));
                assertTrue(overlap.getWidth() <= 0 || overlap.getHeight() <= 0,
                        "labels " + j + " and " + i + " overlap: " + placed.get(j) + " " + r);
            }
        }
    }

    @Test
    void aLoneFaceGetsItsLabelAboveAndAFaceAtTheTopBelow() {
        Rectangle2D above = EmojiRenderer.placeLabel(new BoundingBox(100, 100, 50, 50), 80, 14, List.of(), 400, 300);
        assertEquals(100, above.getX(), 1e-9);
        assertEquals(100 - 15, above.getY(), 1e-9);
        Rectangle2D below = EmojiRenderer.placeLabel(new BoundingBox(100, 2, 50, 50), 80, 14, List.of(), 400, 300);
        assertEquals(53, below.getY(), 1e-9);
    }
}
