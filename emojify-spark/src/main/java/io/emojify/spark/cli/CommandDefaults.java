package io.emojify.spark.cli;

import io.emojify.model.ModelResolver;

/** What the commands of this package set before Spark or DJL start, unless the user set it. */
final class CommandDefaults {

    /** The log configuration used when none is given: Spark and the libraries at WARN, on standard error. */
    static final String LOG_CONFIG = "io/emojify/spark/cli/log4j2-command.properties";

    private CommandDefaults() {}

    /** Quiet logging, and no DJL downloads (the engines' natives are in the jar). */
    static void apply() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * @param given the folder given on the command line, or null
     * @return it, else {@code -Demojify.models}, else {@code EMOJIFY_MODELS}, else null
     */
    static String modelsFolder(String given) {
        if (given != null) {
            return given;
        }
        String folder = System.getProperty(ModelResolver.MODELS_PROPERTY);
        return folder != null ? folder : System.getenv(ModelResolver.MODELS_ENV);
    }

    /**
     * @param since a {@link System#nanoTime()}
     * @return the seconds since then
     */
    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
