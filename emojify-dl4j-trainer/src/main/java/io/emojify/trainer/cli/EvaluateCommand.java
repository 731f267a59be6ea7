package io.emojify.trainer.cli;

import com.google.gson.GsonBuilder;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: accuracy, top-2, per-class recall and confusion of a model on a folder of class folders. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a folder of class folders (any subset of the seven FER classes).")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Option(names = "--model", description = "Model folder (default: the model shipped in emojify-djl)")
    Path model;
    @Mixin EngineOption engine;
    @Mixin EmotionModelOption emotionModel;
    @Option(names = "--tta", description = "Ten-crop test-time augmentation") boolean tta;
    @Option(names = "--mirror", description = "Average each face with its mirror image, as the library's "
            + "DjlEmotionClassifier.Builder.optMirrorAveraging does") boolean mirror;
    @Option(names = "--json", description = "Print one JSON object") boolean json;

    @Override
    public Integer call() {
        UserError.requireExists(model, "--model");
        UserError.require(!(mirror && tta), "--mirror", "with --tta", "the ten crops hold their mirror images already");
        String eng = engine.resolve();
        FaceSet set = data.test(); // never empty: that is a user error
        Metrics metrics;
        Map<String, Object> out = new LinkedHashMap<>();
        if (emotionModel.given()) {
            UserError.require(model == null, "--emotion-model", "with --model", "name one model or the other");
            UserError.require(!mirror && !tta, "--emotion-model", "with --mirror or --tta",
                    "a named model is shown the views it is measured with");
            try (EmotionClassifier c = emotionModel.classifier(eng)) {
                metrics = Metrics.of(ModelEvaluator.probabilitiesOf(c, set), set);
                out.put("model", c.name());
            }
        } else {
            EmotionModel m = Models.open(model);
            try (DjlEmotionClassifier c = DjlEmotionClassifier.builder().optModel(m).optEngine(eng)
                    .optMirrorAveraging(mirror).build()) {
                metrics = new ModelEvaluator(c).evaluate(set, tta);
                out.put("model", m.card().name());
            }
        }
        out.put("engine", eng);
        out.put("tta", tta);
        out.put("mirror", mirror);
        out.put("n", metrics.n);
        out.put("accuracy", metrics.accuracy);
        out.put("top2", metrics.top2);
        out.put("per_class_recall", metrics.perClassRecall);
        out.put("confusion", metrics.confusion);
        if (json) {
            System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(out));
        } else {
            System.out.println(metrics);
        }
        return 0;
    }
}
