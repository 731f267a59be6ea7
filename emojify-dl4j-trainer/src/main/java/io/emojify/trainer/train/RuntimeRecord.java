package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run or an export ran on, read from the running JVM and engines (never written by hand): DJL's and each loaded
 * engine's version, PyTorch's thread counts, the device, the CPU cores, Java and the operating system. Kept in each
 * checkpoint and in the model card.
 */
public final class RuntimeRecord {

    private RuntimeRecord() {}

    /**
     * Reads the record now. Loads the PyTorch engine if it is not loaded.
     *
     * @return the record, in a stable order
     */
    public static Map<String, Object> now() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("djl", Engine.getDjlVersion());
        for (String name : new String[] {"PyTorch", "OnnxRuntime"}) {
            if (Engine.hasEngine(name)) {
                try {
                    r.put(name, Engine.getEngine(name).getVersion());
                } catch (RuntimeException e) {
                    r.put(name, "not loadable: " + e.getMessage());
                }
            }
        }
        if (Engine.hasEngine("PyTorch")) {
            Engine pt = Engine.getEngine("PyTorch");
            r.put("device", pt.defaultDevice().toString());
            r.put("pytorchIntraOpThreads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
            r.put("pytorchInterOpThreads", ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
        }
        r.put("cpuCores", Runtime.getRuntime().availableProcessors());
        r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        r.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return r;
    }
}
