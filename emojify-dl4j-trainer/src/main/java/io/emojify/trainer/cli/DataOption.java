package io.emojify.trainer.cli;

import io.emojify.emotion.Emotion;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --data}: FER-2013 as Kaggle's {@code fer2013.csv} or as class folders ({@code train/angry/*.png}, {@code test/...}),
 * or one folder of class folders; read into memory, or refused in one line ({@link UserError}) before any work.
 */
public final class DataOption {

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "FER-2013: fer2013.csv or a folder "
            + "with train/ and test/ class folders; where only test faces are read, also a folder of class folders")
    Path data;

    /** The training and PublicTest faces, with the checksums that identify what was read. */
    record Splits(FaceSet train, FaceSet test, String trainChecksum, String testChecksum) {}

    /** @return the path given */
    Path path() {
        return data;
    }

    /**
     * Reads the test split (PublicTest): {@code test/} under a data set root, the folder itself, or the CSV's rows.
     *
     * @return the faces, never empty
     */
    FaceSet test() {
        return load("test", new Fer2013Loader.Report());
    }

    /**
     * Reads both splits, each cut to the first faces of each class when asked.
     *
     * @param limitPerClass at most this many faces of each class (0: all)
     * @return the faces and their checksums
     */
    Splits trainAndTest(int limitPerClass) {
        Fer2013Loader.Report trainReport = new Fer2013Loader.Report();
        Fer2013Loader.Report testReport = new Fer2013Loader.Report();
        FaceSet train = load("train", trainReport);
        FaceSet test = load("test", testReport);
        if (limitPerClass > 0) {
            train = train.firstPerClass(limitPerClass);
            test = test.firstPerClass(limitPerClass);
        }
        return new Splits(train, test, trainReport.checksum, testReport.checksum);
    }

    /**
     * The folder of class folders that holds a split: {@code split/} under a data set root, else the folder itself.
     *
     * @param split {@code train} or {@code test}
     * @return the folder, checked to hold at least one class folder
     */
    Path folder(String split) {
        UserError.require(!Files.isRegularFile(data), "--data", data, "is a file; a folder of class folders is needed");
        check(split);
        return Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
    }

    /** Checks that --data names FER-2013 in a form {@link #load} reads: a CSV file, or a folder with class folders. */
    private void check(String split) {
        UserError.requireExists(data, "--data");
        if (Files.isRegularFile(data)) {
            return;
        }
        Path dir = Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
        if (!Files.isReadable(dir)) {
            throw new UserError("--data " + dir + ": the folder cannot be read");
        }
        boolean anyClass = Arrays.stream(Emotion.values()).anyMatch(e -> Files.isDirectory(dir.resolve(e.label())));
        UserError.require(anyClass, "--data", dir, "no class folder in it (expected one or more of "
                + Emotion.labels() + ", each holding that class's images)");
    }

    /** Reads a split from a split folder, a data set root (with {@code train/} and {@code test/}) or fer2013.csv. */
    private FaceSet load(String split, Fer2013Loader.Report report) {
        check(split);
        boolean csv = Files.isRegularFile(data);
        Path source = csv ? data : Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
        FaceSet set;
        try {
            set = csv ? Fer2013Loader.loadCsv(data, split.equals("train") ? Set.of("Training") : Set.of("PublicTest"),
                    report) : Fer2013Loader.loadFolder(source, report);
        } catch (IOException e) {
            throw new UserError("--data " + data + ": " + ErrorReport.describe(e), e);
        }
        if (report.dropped() > 0 && set.size() > 0) {
            System.err.println("emojify-trainer: " + source + ": " + report.dropped() + " unusable "
                    + (csv ? "rows" : "files") + " skipped (" + report.outOfRange + " with pixel values outside 0-255, "
                    + report.malformed + " malformed rows, first: " + report.unreadable.get(0) + ")");
        }
        if (set.size() == 0) {
            String what = csv ? "no usable " + (split.equals("train") ? "Training" : "PublicTest") + " row"
                    : "no usable image in its class folders";
            throw new UserError("--data " + source + ": " + what + " (" + report.dropped() + " unusable, "
                    + report.blank + " blank"
                    + (report.dropped() > 0 ? "; first unusable: " + report.unreadable.get(0) : "") + ")");
        }
        return set;
    }
}
