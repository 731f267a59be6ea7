package io.emojify.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    @Test
    void iouOfKnownBoxes() {
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        assertEquals(1.0, a.iou(a), 1e-12);
        assertEquals(0.0, a.iou(new BoundingBox(20, 20, 5, 5)), 1e-12);
        assertEquals(25.0 / 175.0, a.iou(new BoundingBox(5, 5, 10, 10)), 1e-12);
    }

    @Test
    void clipKeepsThePartInsideTheImage() {
        BoundingBox b = new BoundingBox(-5, -5, 20, 20).clip(10, 8);
        assertEquals(new BoundingBox(0, 0, 10, 8), b);
        assertEquals(0, new BoundingBox(50, 50, 5, 5).clip(10, 10).area(), 1e-12);
    }

    @Test
    void invalidValuesAreRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BoundingBox(0, 0, -1, 3));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoundingBox(Double.NaN, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Face(new BoundingBox(0, 0, 1, 1), 1.5));
    }

    @Test
    void eyeLineAngleIsPositiveWhenTheRightEyeIsLower() {
        Landmarks l = new Landmarks(new Point(0, 0), new Point(10, 10), new Point(5, 5), new Point(0, 9),
                new Point(10, 9));
        assertEquals(Math.PI / 4, l.eyeLineAngle(), 1e-12);
    }
}
