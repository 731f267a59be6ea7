package io.emojify.trainer.cli;

import io.emojify.EmojifyException;
import io.emojify.djl.Engines;
import picocli.CommandLine.Option;

/** {@code --engine}: the engine that runs a model, PyTorch or OnnxRuntime. */
public final class EngineOption {

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
    String engine;

    /** @return the engine's DJL name: the one named, checked, or the default */
    String resolve() {
        try {
            return engine == null ? Engines.emotionEngine() : Engines.require(engine);
        } catch (EmojifyException e) {
            throw UserError.option("--engine", engine, e.getMessage());
        }
    }
}
