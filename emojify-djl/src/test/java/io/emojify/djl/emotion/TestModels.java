package io.emojify.djl.emotion;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.djl.nn.EmotionNetworks;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small, randomly initialised model folders for tests (PyTorch parameters and a card; no ONNX). */
public final class TestModels {

    private TestModels() {}

    /**
     * Writes an untrained compact model folder.
     *
     * @param dir the folder
     * @return the opened model
     * @throws Exception if writing fails
     */
    public static EmotionModel untrainedCompact(Path dir) throws Exception {
        try (Model m = Model.newInstance("test", "PyTorch")) {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(7);
            Block block = EmotionNetworks.compact();
            block.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 48, 48));
            try (OutputStream os = Files.newOutputStream(dir.resolve("emotion.params"));
                    DataOutputStream out = new DataOutputStream(os)) {
                block.saveParameters(out);
            }
        }
        ModelCard card = ModelCard.builder().setName("untrained-test").setArchitecture(EmotionNetworks.COMPACT)
                .setInputSize(48).optFraming(1.2, 0).build();
        Files.writeString(dir.resolve(ModelCard.FILE), card.toJson());
        return EmotionModel.open(dir);
    }
}
