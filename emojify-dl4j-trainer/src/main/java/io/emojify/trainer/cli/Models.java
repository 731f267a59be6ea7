package io.emojify.trainer.cli;

import io.emojify.djl.model.EmotionModel;
import java.nio.file.Path;

/** Opens the model folder that {@code --model} names, or refuses it in one line. */
final class Models {

    private Models() {}

    /**
     * Opens a model folder.
     *
     * @param folder the folder, or {@code null} for the model shipped in emojify-djl
     * @return the model
     */
    static EmotionModel open(Path folder) {
        if (folder == null) {
            return EmotionModel.embedded();
        }
        UserError.requireFolder(folder, "--model", "a model folder");
        try {
            return EmotionModel.open(folder);
        } catch (RuntimeException e) {
            throw UserError.option("--model", folder, ErrorReport.describe(e));
        }
    }
}
