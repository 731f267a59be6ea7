package io.emojify.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.djl.nn.ProbabilityAveragingBlock;
import java.io.IOException;
import io.emojify.io.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trained emotion network as an ONNX model (opset 13) from Java, with the ONNX protobuf classes that
 * {@code tribuo-util-onnx} carries. Walks the sequential block and maps each layer: Conv2d to Conv, BatchNorm to
 * BatchNormalization (epsilon 1e-5, DJL's default), ReLU to Relu, the 2x2 max-pool to MaxPool, global average pooling to
 * GlobalAveragePool, batch flatten to Flatten, Linear to Gemm; Dropout is left out (identity at inference). An ensemble
 * ({@link ProbabilityAveragingBlock}) becomes its members side by side, each followed by Softmax, then Sum, Mul by
 * 1/members and Log. The input is
 * {@code input [N,1,side,side]}, the output {@code logits [N,7]}. A layer it does not know is an error, never a silent gap.
 */
public final class OnnxExporter {

    private static final int OPSET = 13;
    private static final float BN_EPSILON = 1e-5f;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    /** For a graph whose weights stay in a half-precision file: each parameter array's place in it; else null. */
    private final java.util.IdentityHashMap<NDArray, long[]> external;
    private final String externalFile;
    private int counter;

    private OnnxExporter() {
        this(null, null);
    }

    private OnnxExporter(java.util.IdentityHashMap<NDArray, long[]> external, String externalFile) {
        this.external = external;
        this.externalFile = externalFile;
    }

    /**
     * Exports an initialised block as a small ONNX graph whose weights are read, as external data, from the half-precision
     * parameters file ({@link io.emojify.djl.nn.HalfPrecisionParameters}) beside it: each weight is a {@code FLOAT16}
     * tensor at its array's bytes in that file, followed by a {@code Cast} to {@code FLOAT} (folded once when ONNX Runtime
     * loads the graph). One file of weights then serves both engines.
     *
     * @param block the network, holding the weights that the file holds (read from it)
     * @param inputSize the input side
     * @param name the graph name
     * @param halfPrecision the parameters file; the graph names it by its file name, so it must stay beside the graph
     * @param out the .onnx file to write
     * @throws IOException if reading or writing fails, or the file does not hold the block's weights
     */
    public static void exportWithHalfPrecisionWeights(Block block, int inputSize, String name, Path halfPrecision,
            Path out) throws IOException {
        byte[] file = java.nio.file.Files.readAllBytes(halfPrecision);
        java.util.IdentityHashMap<NDArray, long[]> places = new java.util.IdentityHashMap<>();
        int cursor = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            byte[] bytes;
            try (NDArray half = array.toType(ai.djl.ndarray.types.DataType.FLOAT16, true)) {
                ByteBuffer bb = half.toByteBuffer();
                bytes = new byte[bb.remaining()];
                bb.get(bytes);
            }
            int at = dataOffset(file, bytes, cursor);
            if (at < 0) {
                throw new IOException(halfPrecision + " does not hold the parameter " + p.getKey() + " ("
                        + array.getShape() + ") as the network has it");
            }
            places.put(array, new long[] {at, bytes.length});
            cursor = at + bytes.length;
        }
        OnnxExporter e = new OnnxExporter(places, halfPrecision.getFileName().toString());
        OnnxMl.ModelProto model = e.build(block, inputSize, name);
        AtomicFiles.write(out, AtomicFiles.Existing.REPLACE, model::writeTo);
    }

    /**
     * Where an array's little-endian data starts in DJL's encoding of a list: the data follows its byte-order mark
     * {@code '<'} and its length as a big-endian int, so a match is checked against both.
     */
    private static int dataOffset(byte[] file, byte[] data, int from) {
        outer:
        for (int i = Math.max(from, 5); i + data.length <= file.length; i++) {
            if (file[i - 5] != '<' || ByteBuffer.wrap(file, i - 4, 4).getInt() != data.length) {
                continue;
            }
            for (int k = 0; k < data.length; k++) {
                if (file[i + k] != data[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Exports an initialised block.
     *
     * @param block the network (as built by {@link EmotionNetworks})
     * @param inputSize the input side
     * @param name the graph name
     * @param out the .onnx file to write (written to a temporary file, then moved into place)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the block holds a layer that cannot be exported
     */
    public static void export(Block block, int inputSize, String name, Path out) throws IOException {
        OnnxExporter e = new OnnxExporter();
        OnnxMl.ModelProto model = e.build(block, inputSize, name);
        AtomicFiles.write(out, AtomicFiles.Existing.REPLACE, model::writeTo);
    }

    private OnnxMl.ModelProto build(Block block, int inputSize, String name) {
        graph.setName(name);
        graph.addInput(valueInfo("input", List.of("N", 1L, (long) inputSize, (long) inputSize)));
        String last = emit(block, "input");
        graph.addNode(node("Identity", List.of(last), "logits", List.of()));
        graph.addOutput(valueInfo("logits", List.of("N", (long) EmotionNetworks.CLASSES)));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("emojify-trainer")
                .setProducerVersion("0.1.0")
                .setDomain("io.emojify")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    private String emit(Block block, String input) {
        if (block instanceof ProbabilityAveragingBlock) {
            List<String> probabilities = new ArrayList<>();
            for (Pair<String, Block> member : block.getChildren()) {
                probabilities.add(add("Softmax", List.of(emit(member.getValue(), input)), List.of(intAttr("axis", 1))));
            }
            String sum = add("Sum", probabilities, List.of());
            String mean = add("Mul", List.of(sum, scalar(1f / probabilities.size())), List.of());
            return add("Log", List.of(mean), List.of());
        }
        if (block instanceof SequentialBlock) {
            String x = input;
            for (Pair<String, Block> child : block.getChildren()) {
                x = emit(child.getValue(), x);
            }
            return x;
        }
        if (block instanceof Conv2d conv) {
            List<String> inputs = new ArrayList<>(List.of(input, init(param(block, "weight"))));
            if (conv.isIncludeBias()) {
                inputs.add(init(param(block, "bias")));
            }
            long[] k = conv.getKernelShape().getShape();
            long[] s = conv.getStride().getShape();
            long[] p = conv.getPadding().getShape();
            long[] d = conv.getDilation().getShape();
            return add("Conv", inputs, List.of(ints("kernel_shape", k), ints("strides", s),
                    ints("pads", new long[] {p[0], p[1], p[0], p[1]}), ints("dilations", d),
                    intAttr("group", conv.getGroups())));
        }
        if (block instanceof BatchNorm) {
            return add("BatchNormalization", List.of(input, init(param(block, "gamma")), init(param(block, "beta")),
                    init(param(block, "runningMean")), init(param(block, "runningVar"))),
                    List.of(floatAttr("epsilon", BN_EPSILON)));
        }
        if (block instanceof Linear) {
            return add("Gemm", List.of(input, init(param(block, "weight")), init(param(block, "bias"))),
                    List.of(intAttr("transB", 1)));
        }
        if (block instanceof Dropout) {
            return input;
        }
        if (block instanceof LambdaBlock lambda) {
            switch (lambda.getName()) {
                case "ReLU":
                    return add("Relu", List.of(input), List.of());
                case "maxPool2d":
                    // EmotionNetworks uses 2x2 max-pools with stride 2 only; the engine-agreement test checks it.
                    return add("MaxPool", List.of(input), List.of(ints("kernel_shape", new long[] {2, 2}),
                            ints("strides", new long[] {2, 2})));
                case "globalAvgPool2d":
                    return add("GlobalAveragePool", List.of(input), List.of());
                case "batchFlatten":
                    return add("Flatten", List.of(input), List.of(intAttr("axis", 1)));
                default:
                    break;
            }
            throw new IllegalArgumentException("Cannot export the layer '" + lambda.getName() + "' to ONNX");
        }
        throw new IllegalArgumentException("Cannot export a " + block.getClass().getName() + " to ONNX");
    }

    private static NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException(block.getClass().getSimpleName() + " has no parameter '" + name + "'");
    }

    private String add(String op, List<String> inputs, List<OnnxMl.AttributeProto> attributes) {
        String out = op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
        graph.addNode(node(op, inputs, out, attributes));
        return out;
    }

    private OnnxMl.NodeProto node(String op, List<String> inputs, String output, List<OnnxMl.AttributeProto> attrs) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(attrs).build();
    }

    private String scalar(float value) {
        String name = "c_" + counter++;
        ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        buf.flip();
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(buf)));
        return name;
    }

    private String init(NDArray array) {
        if (external != null) {
            return externalInit(array);
        }
        String name = "w_" + counter++;
        float[] values = array.toFloatArray();
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        buf.flip();
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(buf));
        for (long d : array.getShape().getShape()) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private String externalInit(NDArray array) {
        long[] place = external.get(array);
        if (place == null) {
            throw new IllegalArgumentException("A weight of shape " + array.getShape() + " is not among the block's parameters");
        }
        String name = "w_" + counter++;
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT16.getNumber())
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", externalFile))
                .addExternalData(entry("offset", Long.toString(place[0])))
                .addExternalData(entry("length", Long.toString(place[1])));
        for (long d : array.getShape().getShape()) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return add("Cast", List.of(name), List.of(intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())));
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, List<Object> dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue((Long) d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    private static OnnxMl.AttributeProto ints(String name, long[] values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static OnnxMl.AttributeProto intAttr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    private static OnnxMl.AttributeProto floatAttr(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }
}
