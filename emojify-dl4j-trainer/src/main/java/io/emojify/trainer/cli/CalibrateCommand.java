package io.emojify.trainer.cli;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.Calibration;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code calibrate}: fits the temperature that calibrates a model's probabilities on PublicTest. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure the expected calibration error of a model on FER-2013 PublicTest, fit the temperature "
                + "that minimises the negative log-likelihood, and with --write keep it in the model card "
                + "(export does this for every new model).")
public final class CalibrateCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Option(names = "--model", required = true, description = "Model folder") Path model;
    @Option(names = "--write", description = "Write the temperature and the measurements into the model card")
    boolean write;

    @Override
    public Integer call() throws IOException {
        UserError.requireFolder(model, "--model", "a model folder");
        FaceSet set = data.test();
        EmotionModel m = Models.open(model);
        Calibration.Result result;
        try (DjlEmotionClassifier c = new DjlEmotionClassifier(m, Engines.emotionEngine())) {
            result = new ModelEvaluator(c).calibrate(set);
        }
        System.out.println(result);
        if (write) {
            ModelCard card = m.card().toBuilder().optTemperature(result.temperature())
                    .optMetric("publicTestCalibration", ModelEvaluator.summary(result)).build();
            AtomicFiles.writeString(model.resolve(ModelCard.FILE), AtomicFiles.Existing.REPLACE, card.toJson());
            System.err.println("Wrote temperature " + result.temperature() + " into " + model.resolve(ModelCard.FILE));
        }
        return 0;
    }
}
