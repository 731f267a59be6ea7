package io.emojify.trainer.cli;

import com.google.gson.GsonBuilder;
import io.emojify.Emojify;
import io.emojify.face.WholeImageFaceDetector;
import io.emojify.trainer.eval.PipelineEvaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate-pipeline}: accuracy through {@code Emojify} itself (detector, framing, gray conversion, classifier). */
@Command(name = "evaluate-pipeline", mixinStandardHelpOptions = true,
        description = "Evaluate the whole library path on a folder of class folders of images of any size: each "
                + "image goes through Emojify (detection, crop, gray conversion, classifier); the largest face found "
                + "is compared with the label, and an image without a face counts as wrong.")
public final class EvaluatePipelineCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Option(names = "--size", defaultValue = "0",
            description = "Enlarge each face to this side first, as in a photo (0: as stored)")
    int size;
    @Option(names = "--margin", defaultValue = "0",
            description = "Background added around each face, as a fraction of its side (a stand-in for a scene)")
    double margin;
    @Option(names = "--colour", description = "Store each image as RGB before the pipeline sees it")
    boolean colour;
    @Option(names = "--whole-face", description = "No detection: each image is one face (WholeImageFaceDetector)")
    boolean wholeFace;
    @Mixin LimitOption limit;
    @Mixin EmotionModelOption emotionModel;

    @Override
    public Integer call() throws IOException {
        UserError.require(size >= 0, "--size", size, "must be 0 (as stored) or more pixels");
        UserError.require(margin >= 0 && margin <= 4, "--margin", margin, "must be 0 to 4");
        int limitPerClass = limit.value();
        Path folder = data.folder("test");
        Emojify.Builder builder = Emojify.builder();
        if (emotionModel.given()) {
            builder.optEmotionModel(emotionModel.resolve());
        }
        if (wholeFace) {
            builder.optFaceDetector(new WholeImageFaceDetector());
        }
        PipelineEvaluator.View view = new PipelineEvaluator.View(size, margin, colour);
        try (Emojify emojify = builder.build()) {
            PipelineEvaluator.Result r = new PipelineEvaluator(emojify, view).evaluate(folder, limitPerClass);
            if (r.images() == 0) {
                throw new UserError("--data " + folder + ": no usable image in its class folders ("
                        + r.unreadable() + " unreadable)");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("detector", emojify.faceDetector().name());
            out.put("classifier", emojify.emotionClassifier().name());
            out.put("view", Map.of("size", size, "margin", margin, "colour", colour));
            out.put("n", r.images());
            out.put("faces_found", r.facesFound());
            out.put("unreadable", r.unreadable());
            out.put("accuracy", r.accuracy());
            out.put("top2", r.top2());
            out.put("accuracy_of_found", r.accuracyOfFound());
            out.put("per_class_recall", r.metrics().perClassRecall);
            out.put("confusion", r.metrics().confusion);
            System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(out));
        }
        return 0;
    }
}
