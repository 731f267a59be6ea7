package io.emojify.testing;

import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.image.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads dlib's imglab XML ({@code <box top left width height>}, as in {@code data/faces/dlib/testing.xml}) and measures a
 * detector against its boxes: recall (boxes matched by a detection) and precision (detections that match a box), each
 * box matched at most once, the most confident detections first.
 */
public final class DlibBoxes {

    private final Path xml;
    private final Map<String, List<BoundingBox>> boxes;

    private DlibBoxes(Path xml, Map<String, List<BoundingBox>> boxes) {
        this.xml = xml;
        this.boxes = boxes;
    }

    /**
     * Reads an imglab file.
     *
     * @param xml the file
     * @return its images and boxes
     * @throws Exception if it cannot be read
     */
    public static DlibBoxes read(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        NodeList images = doc.getElementsByTagName("image");
        Map<String, List<BoundingBox>> boxes = new LinkedHashMap<>();
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            List<BoundingBox> truth = new ArrayList<>();
            NodeList list = img.getElementsByTagName("box");
            for (int b = 0; b < list.getLength(); b++) {
                Element e = (Element) list.item(b);
                truth.add(new BoundingBox(Double.parseDouble(e.getAttribute("left")),
                        Double.parseDouble(e.getAttribute("top")), Double.parseDouble(e.getAttribute("width")),
                        Double.parseDouble(e.getAttribute("height"))));
            }
            boxes.put(img.getAttribute("file"), truth);
        }
        return new DlibBoxes(xml, boxes);
    }

    /**
     * Runs a detector over every image of the file.
     *
     * @param detector the detector
     * @param iou the overlap at which a detection matches a box
     * @return the counts
     */
    public Score score(FaceDetector detector, double iou) {
        ImageDecoder decoder = new ImageDecoder();
        int total = 0;
        int detections = 0;
        int matched = 0;
        for (Map.Entry<String, List<BoundingBox>> e : boxes.entrySet()) {
            List<Face> faces = detector.detect(decoder.read(xml.resolveSibling(e.getKey())));
            List<BoundingBox> open = new ArrayList<>(e.getValue());
            total += open.size();
            detections += faces.size();
            for (Face d : faces) {
                BoundingBox best = null;
                for (BoundingBox t : open) {
                    if (d.box().iou(t) >= iou && (best == null || d.box().iou(t) > d.box().iou(best))) {
                        best = t;
                    }
                }
                if (best != null) {
                    open.remove(best);
                    matched++;
                }
            }
        }
        return new Score(total, detections, matched);
    }

    /**
     * A detector's counts against the boxes.
     *
     * @param boxes the boxes in the file
     * @param detections the faces the detector returned
     * @param matched the detections that matched a box
     */
    public record Score(int boxes, int detections, int matched) {
        /** @return matched boxes over boxes */
        public double recall() {
            return boxes == 0 ? 0 : matched / (double) boxes;
        }

        /** @return matched detections over detections (1 when there is none) */
        public double precision() {
            return detections == 0 ? 1 : matched / (double) detections;
        }
    }
}
