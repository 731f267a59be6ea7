package io.emojify.trainer.cli;

import com.google.gson.GsonBuilder;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.FramingMeasurement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code framing}: measures how FER-2013 frames faces relative to the YuNet detector's boxes. */
@Command(name = "framing", mixinStandardHelpOptions = true,
        description = "Measure the crop framing (cropScale, cropShiftY) that matches FER-2013 for the YuNet detector.")
public final class FramingCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Option(names = "--n", defaultValue = "1000", description = "Faces to try") int n;
    @Option(names = "--zoom", defaultValue = "4", description = "Enlargement of each 48x48 face") int zoom;

    @Override
    public Integer call() {
        UserError.require(n >= 1, "--n", n, "must be 1 or more");
        UserError.require(zoom >= 1, "--zoom", zoom, "must be 1 or more");
        FaceSet set = data.test();
        try (YuNetFaceDetector d = YuNetFaceDetector.create(DetectorSettings.DEFAULT.withScoreThreshold(0.5))) {
            FramingMeasurement.Result r = FramingMeasurement.measure(d, set, n, zoom);
            System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(r));
        }
        return 0;
    }
}
