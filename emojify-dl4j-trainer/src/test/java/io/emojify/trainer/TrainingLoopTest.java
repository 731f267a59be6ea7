package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.emotion.EmotionScores;
import io.emojify.model.ModelException;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.export.ModelExporter;
import io.emojify.trainer.export.TeacherOutputs;
import io.emojify.trainer.train.AveragedRun;
import io.emojify.trainer.train.Checkpoints;
import io.emojify.trainer.train.ProgressReporter;
import io.emojify.trainer.train.RunFolder;
import io.emojify.trainer.train.SoftTargets;
import io.emojify.trainer.train.Trainer;
import io.emojify.trainer.train.TrainingConfig;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short training on synthetic faces proves the loop, the checkpoints, an exact resume, a corrupt checkpoint being passed
 * over, the export, and the reload on both engines agreeing to 1e-4.
 */
class TrainingLoopTest {

    private static final ProgressReporter QUIET = ProgressReporter.none();

    private static TrainingConfig config(int epochs) {
        TrainingConfig c = new TrainingConfig();
        c.architecture = "compact";
        c.epochs = epochs;
        c.batchSize = 16;
        c.maxBatchesPerEpoch = 4;
        c.trainData = "synthetic";
        c.validationData = "synthetic";
        return c;
    }

    /** Trains {@code compact} two epochs in {@code tmp/base} and exports it to {@code tmp/teacher}. */
    private static Path trainedTeacher(Path tmp, FaceSet train, FaceSet val) throws Exception {
        new Trainer(config(2), tmp.resolve("base"), QUIET).run(train, val, "t", "v");
        Path teacher = tmp.resolve("teacher");
        ModelExporter.export(tmp.resolve("base"), teacher, val, new ModelExporter.Options());
        return teacher;
    }

    @Test
    void trainResumeExactlyExportAndReloadOnBothEngines(@TempDir Path tmp) throws Exception {
        FaceSet train = SyntheticFaces.make(12, 1);
        FaceSet val = SyntheticFaces.make(4, 2);

        TrainingState straight = new Trainer(config(3), tmp.resolve("straight"), QUIET).run(train, val, "t", "v");
        assertEquals(3, straight.epochsDone);
        assertEquals(3, straight.history.size());

        new Trainer(config(2), tmp.resolve("resumed"), QUIET).run(train, val, "t", "v");
        TrainingState resumed = new Trainer(config(3), tmp.resolve("resumed"), QUIET).run(train, val, "t", "v");
        assertEquals(3, resumed.epochsDone);
        for (int i = 0; i < 3; i++) {
            assertEquals(straight.history.get(i).trainLoss, resumed.history.get(i).trainLoss, 1e-5,
                    "epoch " + (i + 1) + " differs after resuming");
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("straight/epoch-0003/emotion.params")),
                Files.readAllBytes(tmp.resolve("resumed/epoch-0003/emotion.params")),
                "a resumed run must end with the same weights as an uninterrupted one");

        Path out = tmp.resolve("model");
        ModelExporter.Options o = new ModelExporter.Options();
        o.cropScale = 0.95;
        ModelCard card = ModelExporter.export(tmp.resolve("straight"), out, val, o);
        assertTrue(Files.size(out.resolve("emotion.onnx")) > 100_000);
        assertTrue(Files.exists(out.resolve("training-curves.png")) && Files.exists(out.resolve("confusion.png")));
        assertEquals(3, ((Number) card.training().get("epochs")).intValue());
        assertNotNull(card.recipe().get("seed"));
        double diff = (Double) card.metrics().get("enginesMaxProbabilityDifference");
        assertTrue(diff < 1e-4, "engines differ by " + diff);
        // the export fits the calibrating temperature, keeps it in the card and the library reads it from there
        Map<?, ?> calibration = (Map<?, ?>) card.metrics().get("publicTestCalibration");
        assertEquals(((Number) calibration.get("temperature")).doubleValue(), card.temperature(), 1e-4);
        assertTrue(card.temperature() != 1.0 && (Double) calibration.get("nllAfter") <= (Double) calibration.get("nllBefore"),
                calibration.toString());

        EmotionModel model = EmotionModel.open(out);
        try (DjlEmotionClassifier pt = new DjlEmotionClassifier(model, Engines.PYTORCH);
                DjlEmotionClassifier ort = new DjlEmotionClassifier(model, Engines.ONNX_RUNTIME)) {
            assertTrue(new ModelEvaluator(pt).maxDifference(ort, val, 28) < 1e-4);
        }
    }

    @Test
    void anEnsembleOfTwoRunsIsOneModelWhoseProbabilitiesAreTheMeanOfItsMembers(@TempDir Path tmp) throws Exception {
        FaceSet train = SyntheticFaces.make(6, 7);
        FaceSet val = SyntheticFaces.make(2, 8);
        new Trainer(config(2), tmp.resolve("compact"), QUIET).run(train, val, "t", "v");
        TrainingConfig wide = config(1);
        wide.architecture = "wide";
        wide.seed = 7;
        new Trainer(wide, tmp.resolve("wide"), QUIET).run(train, val, "t", "v");
        ModelExporter.Options o = new ModelExporter.Options();
        o.calibrate = false; // the ensemble's softmax is the mean of its members' own softmax probabilities
        ModelCard a = ModelExporter.export(tmp.resolve("compact"), tmp.resolve("a"), val, o);
        ModelCard b = ModelExporter.export(tmp.resolve("wide"), tmp.resolve("b"), val, o);
        ModelCard both = ModelExporter.export(List.of(tmp.resolve("compact"), tmp.resolve("wide")), tmp.resolve("ab"),
                val, o);

        assertEquals("compact+wide", both.architecture());
        assertEquals(a.parameterCount() + b.parameterCount(), both.parameterCount());
        assertEquals(2, both.members().size());
        assertEquals("wide", both.members().get(1).get("architecture"));
        assertEquals(7L, ((Map<?, ?>) both.members().get(1).get("recipe")).get("seed"));
        assertEquals(1, ((Number) ((Map<?, ?>) both.members().get(1).get("training")).get("epochs")).intValue());
        assertTrue(Files.exists(tmp.resolve("ab/training-curves-2-wide.png")));
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(tmp.resolve("plain"));
            for (String f : List.of("emotion.params", "emotion.onnx")) {
                assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(tmp.resolve("ab/" + f)),
                        f + " gets the permissions of any new file, not a temporary file's owner-only");
            }
        }
        assertTrue((Double) both.metrics().get("enginesMaxProbabilityDifference") < 1e-4);

        float[][] crops = new float[5][48 * 48];
        Random rnd = new Random(3);
        for (float[] crop : crops) {
            for (int i = 0; i < crop.length; i++) {
                crop[i] = rnd.nextFloat();
            }
        }
        for (String engine : List.of(Engines.PYTORCH, Engines.ONNX_RUNTIME)) {
            try (DjlEmotionClassifier ca = new DjlEmotionClassifier(EmotionModel.open(tmp.resolve("a")), engine);
                    DjlEmotionClassifier cb = new DjlEmotionClassifier(EmotionModel.open(tmp.resolve("b")), engine);
                    DjlEmotionClassifier cab = new DjlEmotionClassifier(EmotionModel.open(tmp.resolve("ab")), engine)) {
                List<EmotionScores> pa = ca.classifyCrops(crops);
                List<EmotionScores> pb = cb.classifyCrops(crops);
                List<EmotionScores> pab = cab.classifyCrops(crops);
                for (int i = 0; i < crops.length; i++) {
                    float[] x = pa.get(i).toArray();
                    float[] y = pb.get(i).toArray();
                    float[] z = pab.get(i).toArray();
                    for (int k = 0; k < z.length; k++) {
                        assertEquals((x[k] + y[k]) / 2, z[k], 1e-5, engine + ", crop " + i + ", class " + k);
                    }
                }
            }
        }

        TrainingConfig other = config(1);
        other.trainData = "other";
        new Trainer(other, tmp.resolve("other"), QUIET).run(train, val, "other-checksum", "v");
        IOException e = assertThrows(IOException.class, () -> ModelExporter.export(
                List.of(tmp.resolve("compact"), tmp.resolve("other")), tmp.resolve("bad"), val, o));
        assertTrue(e.getMessage().contains("different data") && e.getMessage().contains("other-checksum"),
                e.getMessage());
    }

    @Test
    void aDistilledRunStartsFromTheGivenWeightsRecordsItsTeacherAndRefusesAChangedOne(@TempDir Path tmp)
            throws Exception {
        FaceSet train = SyntheticFaces.make(6, 9);
        FaceSet val = SyntheticFaces.make(2, 10);
        Path teacher = trainedTeacher(tmp, train, val);

        TrainingConfig plain = config(1);
        plain.initialWeights = tmp.resolve("base").toString();
        TrainingState fromBase = new Trainer(plain, tmp.resolve("plain"), QUIET).run(train, val, "t", "v");
        TrainingState fromScratch = new Trainer(config(1), tmp.resolve("scratch"), QUIET).run(train, val, "t", "v");
        assertEquals(Checkpoints.sha256(tmp.resolve("base/best/emotion.params")),
                fromBase.config.initialWeightsChecksum);
        assertTrue(fromBase.history.get(0).trainLoss < fromScratch.history.get(0).trainLoss,
                "two epochs' head start: " + fromBase.history.get(0).trainLoss + " vs "
                        + fromScratch.history.get(0).trainLoss);

        TrainingConfig distil = config(1);
        distil.initialWeights = plain.initialWeights;
        distil.teacher = teacher.toString();
        distil.distillationWeight = 0.7;
        Path run = tmp.resolve("distil");
        TrainingState distilled = new Trainer(distil, run, QUIET).run(train, val, "t", "v");
        assertEquals(Checkpoints.sha256(teacher.resolve("emotion.params")), distilled.config.teacherChecksum);
        assertTrue(Math.abs(distilled.history.get(0).trainLoss - fromBase.history.get(0).trainLoss) > 1e-4,
                "the teacher's targets change the loss");
        ModelCard card = ModelExporter.export(run, tmp.resolve("distilled-model"), val, new ModelExporter.Options());
        assertEquals(teacher.toString(), card.recipe().get("teacher"));
        assertEquals(0.7, ((Number) card.recipe().get("distillationWeight")).doubleValue(), 1e-12);
        assertEquals(distilled.config.initialWeightsChecksum, card.recipe().get("initialWeightsChecksum"));
        Map<?, ?> lineage = (Map<?, ?>) card.training().get("teacher");
        assertEquals("compact", lineage.get("architecture"), "the teacher's own card travels with the student's");
        assertEquals(distilled.config.teacherChecksum, lineage.get("parametersChecksum"));

        Path params = teacher.resolve("emotion.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 9] ^= 0x01;
        Files.write(params, bytes);
        // The teacher's own model card refuses weights that do not match the checksum it was exported with.
        ModelException changed = assertThrows(ModelException.class,
                () -> new Trainer(config(2), run, QUIET).run(train, val, "t", "v"));
        assertTrue(changed.getMessage().contains(params.toString()) && changed.getMessage().contains(
                distilled.config.teacherChecksum), changed.getMessage());
        // A teacher exported again (a consistent card, other weights) is refused by the run's own record.
        ModelExporter.export(tmp.resolve("scratch"), teacher, val, new ModelExporter.Options());
        IOException replaced = assertThrows(IOException.class,
                () -> new Trainer(config(2), run, QUIET).run(train, val, "t", "v"));
        assertTrue(replaced.getMessage().contains("has changed") && replaced.getMessage().contains(
                distilled.config.teacherChecksum), replaced.getMessage());

        TrainingConfig vgg = config(1);
        vgg.architecture = "vgg";
        vgg.teacher = teacher.toString();
        IOException size = assertThrows(IOException.class,
                () -> new Trainer(vgg, tmp.resolve("vgg"), QUIET).run(train, val, "t", "v"));
        assertTrue(size.getMessage().contains("48x48") && size.getMessage().contains("40x40"), size.getMessage());
        TrainingConfig missing = config(1);
        missing.initialWeights = tmp.resolve("nowhere").toString();
        IOException none = assertThrows(IOException.class,
                () -> new Trainer(missing, tmp.resolve("missing"), QUIET).run(train, val, "t", "v"));
        assertTrue(none.getMessage().contains("nowhere"), none.getMessage());
    }

    @Test
    void aStudentDistilsFromSoftTargetsWrittenOnceEvenFromATeacherOfAnotherInputSize(@TempDir Path tmp)
            throws Exception {
        FaceSet train = SyntheticFaces.make(6, 11);
        FaceSet val = SyntheticFaces.make(2, 12);
        Path teacher = trainedTeacher(tmp, train, val);

        SoftTargets targets = TeacherOutputs.compute(List.of(teacher), Engines.emotionEngine(), train, val, "cmd");
        Path file = tmp.resolve("teacher" + SoftTargets.SUFFIX);
        targets.write(file);
        // each face's target is the teacher's probabilities for the face and its mirror image, averaged
        try (DjlEmotionClassifier c = new DjlEmotionClassifier(EmotionModel.open(teacher), Engines.emotionEngine())) {
            for (int i : new int[] {0, 17, 41}) {
                float[] face = Augmentation.whole(train.pixels(i), 48);
                float[] mirror = new float[face.length];
                for (int y = 0; y < 48; y++) {
                    for (int x = 0; x < 48; x++) {
                        mirror[y * 48 + x] = face[y * 48 + 47 - x];
                    }
                }
                List<EmotionScores> both = c.classifyCrops(new float[][] {face, mirror});
                float[] a = both.get(0).toArray();
                float[] b = both.get(1).toArray();
                float[] got = SoftTargets.read(file).probabilities(i);
                for (int k = 0; k < 7; k++) {
                    float want = (a[k] + b[k]) / 2;
                    assertEquals(want, got[k], Math.max(1e-7, want * 1e-3), "face " + i + " class " + k);
                }
            }
        }
        try (DjlEmotionClassifier mirrored = DjlEmotionClassifier.builder().optModel(EmotionModel.open(teacher))
                .optEngine(Engines.emotionEngine()).optMirrorAveraging(true).build()) {
            double accuracy = new ModelEvaluator(mirrored).evaluate(val, false).accuracy;
            assertEquals(accuracy, ((Number) targets.publicTest().get("accuracy")).doubleValue(), 1e-4);
        }

        // a student learns from the file as well as from the labels; its card carries the teachers' provenance
        TrainingConfig plain = config(1);
        TrainingState alone = new Trainer(plain, tmp.resolve("alone"), QUIET).run(train, val, "t", "v");
        TrainingConfig distil = config(1);
        distil.teacher = file.toString();
        distil.distillationWeight = 0.9;
        Path run = tmp.resolve("distil");
        TrainingState distilled = new Trainer(distil, run, QUIET).run(train, val, "t", "v");
        assertEquals(Checkpoints.sha256(file), distilled.config.teacherChecksum);
        assertTrue(Math.abs(distilled.history.get(0).trainLoss - alone.history.get(0).trainLoss) > 1e-3,
                "the soft targets change the loss: " + distilled.history.get(0).trainLoss + " vs "
                        + alone.history.get(0).trainLoss);
        ModelCard card = ModelExporter.export(run, tmp.resolve("distilled-model"), val, new ModelExporter.Options());
        Map<?, ?> lineage = (Map<?, ?>) card.training().get("teacher");
        assertEquals(file.toString(), lineage.get("softTargets"));
        assertEquals("compact", lineage.get("architecture"), "the teachers' provenance travels with the student's card");
        assertEquals(Checkpoints.sha256(teacher.resolve("emotion.params")),
                ((Map<?, ?>) ((List<?>) lineage.get("members")).get(0)).get("parametersChecksum"));

        // a 40x40 student takes the 48x48 teacher's targets through the file (the model folder itself it refuses)
        TrainingConfig vgg = config(1);
        vgg.architecture = "vgg";
        vgg.cropsPerFace = 1;
        vgg.maxBatchesPerEpoch = 1;
        vgg.teacher = file.toString();
        TrainingState small = new Trainer(vgg, tmp.resolve("vgg"), QUIET).run(train, val, "t", "v");
        assertEquals(1, small.epochsDone);
        assertEquals(Checkpoints.sha256(file), small.config.teacherChecksum);

        // targets written for other faces are refused before any step; a changed file is refused on resume
        FaceSet other = SyntheticFaces.make(6, 13);
        TrainingConfig wrong = config(1);
        wrong.teacher = file.toString();
        IOException data = assertThrows(IOException.class,
                () -> new Trainer(wrong, tmp.resolve("wrong"), QUIET).run(other, val, "t", "v"));
        assertTrue(data.getMessage().contains(file.toString()) && data.getMessage().contains("checksum"),
                data.getMessage());
        float[][] uniform = new float[train.size()][7];
        for (float[] row : uniform) {
            java.util.Arrays.fill(row, 1f / 7);
        }
        SoftTargets.of(uniform, train, List.of(), null, "uniform").write(file);
        IOException changed = assertThrows(IOException.class,
                () -> new Trainer(config(2), run, QUIET).run(train, val, "t", "v"));
        assertTrue(changed.getMessage().contains("has changed") && changed.getMessage().contains(
                distilled.config.teacherChecksum), changed.getMessage());
    }

    @Test
    void aPlateauRunSwitchedToCosineEqualsOneRunWithAnnealAfterAndKeepsCosineWhenResumed(@TempDir Path tmp)
            throws Exception {
        FaceSet train = SyntheticFaces.make(6, 5);
        Path switched = tmp.resolve("switched");
        new Trainer(config(2), switched, QUIET).run(train, train, "t", "v");
        TrainingConfig cosine = config(3);
        cosine.schedule = TrainingConfig.COSINE;
        new Trainer(cosine, switched, QUIET).run(train, train, "t", "v");
        TrainingConfig again = config(4);
        again.schedule = TrainingConfig.COSINE; // the same schedule named again, with the default annealAfter 0: no change
        TrainingState s = new Trainer(again, switched, QUIET).run(train, train, "t", "v");
        assertEquals(TrainingConfig.COSINE, s.config.schedule);
        assertEquals(2, s.cosineAfterEpoch);
        assertEquals(2, s.config.annealAfter, "the switch is recorded as what ran: plateau for 2 epochs, then cosine");
        assertEquals(0.01, s.history.get(2).learningRate, 1e-12, "annealing starts at the plateau's rate");
        assertEquals(0.005, s.history.get(3).learningRate, 1e-12, "half way through epochs 3-4");
        assertEquals("ReduceLROnPlateau (factor 0.75, patience 5) from lr 0.01 for epochs 1-2, then cosine annealing "
                + "from lr 0.01 to 0 at epoch 4", ModelExporter.describeSchedule(s));

        TrainingConfig oneRun = config(4);
        oneRun.schedule = TrainingConfig.COSINE;
        oneRun.annealAfter = 2;
        TrainingState one = new Trainer(oneRun, tmp.resolve("one"), QUIET).run(train, train, "t", "v");
        assertEquals(2, one.cosineAfterEpoch);
        assertArrayEquals(Files.readAllBytes(switched.resolve("epoch-0004/emotion.params")),
                Files.readAllBytes(tmp.resolve("one/epoch-0004/emotion.params")),
                "--anneal-after 2 in one run gives the weights of a plateau run switched to cosine after epoch 2");

        TrainingConfig unknown = config(5);
        unknown.schedule = "linear";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(unknown, switched, QUIET).run(train, train, "t", "v"));
        assertTrue(e.getMessage().contains("'linear'") && e.getMessage().contains("cosine"), e.getMessage());
    }

    @Test
    void aRunThatKeepsItsWeightsCanBeAveragedIntoARunThatExportsAndSaysHowItWasMade(@TempDir Path tmp)
            throws Exception {
        FaceSet train = SyntheticFaces.make(6, 12);
        FaceSet val = SyntheticFaces.make(2, 13);
        TrainingConfig keep = config(3);
        keep.keepWeights = true;
        Path run = tmp.resolve("run");
        TrainingState trained = new Trainer(keep, run, QUIET).run(train, val, "t", "v");
        for (int e = 1; e <= 3; e++) {
            assertTrue(Files.isRegularFile(RunFolder.keptWeights(run, e)), "epoch " + e + "'s weights kept");
        }
        assertArrayEquals(Files.readAllBytes(run.resolve("epoch-0003/emotion.params")),
                Files.readAllBytes(RunFolder.keptWeights(run, 3)), "the kept weights are the checkpoint's");

        Path avg = tmp.resolve("avg");
        TrainingState averaged = AveragedRun.create(run, 2, 0, avg, train, val, "t", "v");
        assertEquals(3, averaged.epochsDone, "--to defaults to the run's last epoch");
        assertEquals(run.toString(), averaged.config.averagedRun);
        assertEquals(2, averaged.config.averagedFromEpoch);
        assertEquals(3, averaged.config.averagedToEpoch);
        assertEquals(trained.history.get(2).trainLoss, averaged.history.get(2).trainLoss, 0.0);
        assertTrue(averaged.bestAccuracy >= 0 && averaged.bestAccuracy <= 1);
        byte[] mean = Files.readAllBytes(avg.resolve("best/emotion.params"));
        assertTrue(!java.util.Arrays.equals(mean, Files.readAllBytes(RunFolder.keptWeights(run, 3)))
                && !java.util.Arrays.equals(mean, Files.readAllBytes(RunFolder.keptWeights(run, 2))),
                "the average is neither epoch's weights");

        ModelCard card = ModelExporter.export(avg, tmp.resolve("model"), val, new ModelExporter.Options());
        String how = (String) card.training().get("weightAveraging");
        assertTrue(how != null && how.contains("epochs 2-3") && how.contains(run.toString()), how);
        assertEquals(3L, ((Number) card.recipe().get("averagedToEpoch")).longValue());
        assertTrue((Double) card.metrics().get("enginesMaxProbabilityDifference") < 1e-4);
        AveragedRun.create(run, 1, 2, avg, train, val, "t", "v");
        assertEquals(2, Checkpoints.readState(new Checkpoints(avg).latestValid().orElseThrow()).epochsDone,
                "a new average replaces the earlier one");

        IllegalArgumentException resume = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(4), avg, QUIET).run(train, val, "t", "v"));
        assertTrue(resume.getMessage().contains("averaged"), resume.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> AveragedRun.create(run, 2, 5, tmp.resolve("x"), train, val, "t", "v"));
        assertTrue(range.getMessage().contains("1 to 3"), range.getMessage());
        IOException data = assertThrows(IOException.class,
                () -> AveragedRun.create(run, 2, 3, tmp.resolve("x"), train, val, "other", "v"));
        assertTrue(data.getMessage().contains("other"), data.getMessage());
        Path plain = tmp.resolve("plain");
        new Trainer(config(2), plain, QUIET).run(train, val, "t", "v");
        IOException overTrained = assertThrows(IOException.class,
                () -> AveragedRun.create(run, 1, 1, plain, train, val, "t", "v"));
        assertTrue(overTrained.getMessage().contains("trained run"), overTrained.getMessage());
        IOException notKept = assertThrows(IOException.class,
                () -> AveragedRun.create(plain, 1, 2, tmp.resolve("y"), train, val, "t", "v"));
        assertTrue(notKept.getMessage().contains("--keep-weights"), notKept.getMessage());
    }

    @Test
    void aCorruptCheckpointIsPassedOverForThePreviousOne(@TempDir Path tmp) throws Exception {
        FaceSet train = SyntheticFaces.make(6, 3);
        new Trainer(config(2), tmp, QUIET).run(train, train, "t", "v");
        Path newest = tmp.resolve("epoch-0002/emotion.params");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(newest, bytes);
        assertEquals(tmp.resolve("epoch-0001"), new Checkpoints(tmp).latestValid().orElseThrow());
        TrainingState s = new Trainer(config(2), tmp, QUIET).run(train, train, "t", "v");
        assertEquals(2, s.epochsDone, "training resumes from epoch 1 and redoes epoch 2");
        assertTrue(Checkpoints.verify(tmp.resolve("epoch-0002")) == null);
    }

    @Test
    void aTimeBudgetStopsCleanlyBetweenBatches(@TempDir Path tmp) throws Exception {
        FaceSet train = SyntheticFaces.make(6, 4);
        TrainingConfig c = config(50);
        c.timeBudgetMinutes = 1e-6;
        TrainingState s = new Trainer(c, tmp, QUIET).run(train, train, "t", "v");
        assertEquals(0, s.epochsDone);
        assertTrue(new Checkpoints(tmp).latestValid().isEmpty());
    }
}
