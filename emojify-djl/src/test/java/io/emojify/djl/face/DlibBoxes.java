package io.emojify.djl.face;

import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads dlib's imglab XML ({@code <box top left width height>}) and measures a detector's recall against it. */
final class DlibBoxes {

    private DlibBoxes() {}

    static double recall(FaceDetector detector, Path xml, double iou) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        NodeList images = doc.getElementsByTagName("image");
        int total = 0;
        int found = 0;
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            List<BoundingBox> truth = new ArrayList<>();
            NodeList boxes = img.getElementsByTagName("box");
            for (int b = 0; b < boxes.getLength(); b++) {
                Element e = (Element) boxes.item(b);
                truth.add(new BoundingBox(Double.parseDouble(e.getAttribute("left")),
                        Double.parseDouble(e.getAttribute("top")), Double.parseDouble(e.getAttribute("width")),
                        Double.parseDouble(e.getAttribute("height"))));
            }
            List<Face> faces = detector.detect(ImageIO.read(xml.resolveSibling(img.getAttribute("file")).toFile()));
            for (BoundingBox t : truth) {
                total++;
                for (Face d : faces) {
                    if (d.box().iou(t) >= iou) {
                        found++;
                        break;
                    }
                }
            }
        }
        return total == 0 ? 0 : found / (double) total;
    }
}
