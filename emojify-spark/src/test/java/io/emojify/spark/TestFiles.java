package io.emojify.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.spark.sql.SparkSession;

/** Folders of test files: copies of the shared face photos, and files that are not readable images. */
final class TestFiles {

    /** The bad files {@link #writeBrokenFiles} writes. */
    static final List<String> BROKEN = List.of("empty.jpg", "text.jpg", "truncated.jpg", "huge.png");

    private TestFiles() {}

    /**
     * Copies the JPEG photos of {@code shared/data/faces} (both folders) into a folder.
     *
     * @return the copies' names
     */
    static List<String> copyPhotos(Path shared, Path into) throws IOException {
        List<String> names = new ArrayList<>();
        for (String sub : List.of("photos", "dlib")) {
            try (Stream<Path> files = Files.list(shared.resolve("data/faces").resolve(sub))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    String name = sub + "-" + f.getFileName();
                    Files.copy(f, into.resolve(name));
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Writes {@link #BROKEN}: an empty file, a text file, the first 40% of a JPEG photo and a PNG whose header declares
     * 100,000 x 100,000 pixels.
     */
    static void writeBrokenFiles(Path shared, Path into) throws IOException {
        Files.write(into.resolve("empty.jpg"), new byte[0]);
        Files.writeString(into.resolve("text.jpg"), "This is a text file, not an image.\n");
        byte[] photo = Files.readAllBytes(shared.resolve("data/faces/photos/2.jpg"));
        Files.write(into.resolve("truncated.jpg"), java.util.Arrays.copyOf(photo, photo.length * 2 / 5));
        Files.write(into.resolve("huge.png"), pngHeader(100_000, 100_000));
    }

    /** A PNG signature and a valid IHDR chunk declaring the size, with no image data. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 2, 0, 0, 0});
        byte[] typeAndData = chunk.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeInt(typeAndData.length - 4);
        out.write(typeAndData);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** A local[2] session without its web UI, for a test class. */
    static SparkSession localSpark(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /** Closes this JVM's Emojify instances and stops the session, if there is one. */
    static void stop(SparkSession spark) {
        if (spark != null) {
            EmojifySpark.closeInstances();
            spark.stop();
        }
    }

    /** The file name of a path as Spark gives it (a URI). */
    static String name(String sparkPath) {
        return Path.of(URI.create(sparkPath)).getFileName().toString();
    }
}
