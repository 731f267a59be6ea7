package io.emojify.spark;

import io.emojify.AnnotatedFace;
import io.emojify.emotion.Emotion;
import io.emojify.face.BoundingBox;
import io.emojify.face.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The rows of one image file: its faces, or one row for an image without a face or a file that failed. */
final class FaceRows {

    private FaceRows() {}

    /**
     * The schema of {@link EmojifySpark#faces}.
     *
     * @param withImage whether the {@code image} column is there
     * @return the schema
     */
    static StructType schema(boolean withImage) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(EmojifySpark.PATH, DataTypes.StringType, false));
        fields.add(nullable(EmojifySpark.IMAGE_WIDTH, DataTypes.IntegerType));
        fields.add(nullable(EmojifySpark.IMAGE_HEIGHT, DataTypes.IntegerType));
        fields.add(nullable(EmojifySpark.FACE, DataTypes.IntegerType));
        for (String c : List.of("box_x", "box_y", "box_width", "box_height", "score")) {
            fields.add(nullable(c, DataTypes.DoubleType));
        }
        fields.add(nullable("landmarks", DataTypes.createArrayType(DataTypes.DoubleType, false)));
        fields.add(nullable(EmojifySpark.EMOTION, DataTypes.StringType));
        for (String label : Emotion.labels()) {
            fields.add(nullable(label, DataTypes.FloatType));
        }
        fields.add(nullable("emoji", DataTypes.StringType));
        fields.add(nullable(EmojifySpark.ERROR, DataTypes.StringType));
        if (withImage) {
            fields.add(nullable(EmojifySpark.IMAGE, DataTypes.BinaryType));
        }
        return DataTypes.createStructType(fields);
    }

    private static StructField nullable(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /**
     * Analyses one file. Never throws for a bad file: a file that cannot be decoded or analysed gives one row with the
     * error.
     *
     * @param instance the Emojify to use
     * @param path the file's path, as given
     * @param content the file's bytes
     * @param imageFormat {@code png} or {@code jpeg} to draw and encode the emojified image, or null
     * @return the rows: one per face, or one
     */
    static List<Row> of(EmojifyInstance instance, String path, byte[] content, String imageFormat) {
        boolean withImage = imageFormat != null;
        BufferedImage image;
        List<AnnotatedFace> faces;
        byte[] encoded = null;
        try {
            image = instance.decoder().read(content, path);
            faces = instance.emojify().analyze(image);
            if (withImage) {
                encoded = encode(instance.emojify().render(image, faces), imageFormat);
            }
        } catch (RuntimeException | IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return List.of(row(withImage, path, null, null, message, null));
        }
        if (faces.isEmpty()) {
            return List.of(row(withImage, path, image.getWidth(), image.getHeight(), null, encoded));
        }
        List<Row> rows = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            rows.add(faceRow(withImage, path, image, i, faces.get(i), i == 0 ? encoded : null));
        }
        return rows;
    }

    /** A row for a file that failed (the error), or for an image without a face (its size). */
    private static Row row(boolean withImage, String path, Integer width, Integer height, String error, byte[] image) {
        return create(withImage, path, width, height, null, null, error, image);
    }

    private static Row faceRow(boolean withImage, String path, BufferedImage image, int index, AnnotatedFace face,
            byte[] encoded) {
        return create(withImage, path, image.getWidth(), image.getHeight(), index, face, null, encoded);
    }

    private static Row create(boolean withImage, String path, Integer width, Integer height, Integer index,
            AnnotatedFace face, String error, byte[] encoded) {
        int n = Emotion.count();
        Object[] values = new Object[13 + n + (withImage ? 1 : 0)];
        values[0] = path;
        values[1] = width;
        values[2] = height;
        values[3] = index;
        if (face != null) {
            BoundingBox box = face.face().box();
            values[4] = box.x();
            values[5] = box.y();
            values[6] = box.width();
            values[7] = box.height();
            values[8] = face.face().score();
            values[9] = face.face().optLandmarks().map(l -> flatten(l.points())).orElse(null);
            values[10] = face.emotion().label();
            float[] p = face.scores().toArray();
            for (int i = 0; i < n; i++) {
                values[11 + i] = p[i];
            }
            values[11 + n] = face.emoji().text();
        }
        values[12 + n] = error;
        if (withImage) {
            values[13 + n] = encoded;
        }
        return RowFactory.create(values);
    }

    private static double[] flatten(List<Point> points) {
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            xy[2 * i] = points.get(i).x();
            xy[2 * i + 1] = points.get(i).y();
        }
        return xy;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        BufferedImage out = image;
        if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            out.createGraphics().drawImage(image, 0, 0, null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, format, bytes)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return bytes.toByteArray();
    }
}
