package io.emojify.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    private static Path copyOfTheShippedModel(Path dir) throws Exception {
        EmotionModel shipped = EmotionModel.embedded();
        for (String f : new String[] {ModelCard.FILE, shipped.card().parametersFile(), shipped.card().onnxFile()}) {
            Files.copy(shipped.folder().resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void theShippedCardNamesTheChecksumOfEachWeightFileAndTheyMatch() {
        EmotionModel shipped = EmotionModel.embedded();
        assertEquals(2, shipped.card().sha256().size(), shipped.card().sha256().toString());
        assertTrue(Files.isRegularFile(shipped.onnxFile()) && Files.isRegularFile(shipped.parametersFile()));
    }

    @Test
    void aCardCannotBeChangedAndAChangedCopyLeavesTheModelAsItWas() throws Exception {
        EmotionModel shipped = EmotionModel.embedded();
        ModelCard card = shipped.card();
        double t = card.temperature();
        assertThrows(UnsupportedOperationException.class, () -> card.classes().set(0, "furious"));
        assertThrows(UnsupportedOperationException.class, () -> card.metrics().put("publicTest", 1.0));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> publicTest = (java.util.Map<String, Object>) card.metrics().get("publicTest");
        assertThrows(UnsupportedOperationException.class, () -> publicTest.put("accuracy", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> card.sha256().clear());

        ModelCard changed = card.toBuilder().setName("changed").optTemperature(19).build();
        assertEquals(19, changed.temperature());
        assertEquals("changed", changed.name());
        assertEquals(card.sha256(), changed.sha256(), "the rest is kept");
        assertEquals(t, shipped.card().temperature(), "the model's card is not changed by a changed copy");
        try (io.emojify.djl.emotion.DjlEmotionClassifier c = io.emojify.djl.emotion.DjlEmotionClassifier.embedded()) {
            assertEquals(t, c.temperature());
            assertTrue(c.name().startsWith("emojify-emotion-compact ("), c.name());
        }
        ModelException e = assertThrows(ModelException.class, () -> card.toBuilder().optTemperature(40).build());
        assertTrue(e.getMessage().contains("temperature is 40.0"), e.getMessage());
    }

    @Test
    void theShippedCardNamesItsDataAsAReaderCanFindItNotAsABuildFolder() {
        java.util.Map<String, String> data = EmotionModel.embedded().card().data();
        for (String key : new String[] {"train", "validation"}) {
            String text = String.valueOf(data.get(key));
            assertTrue(text.startsWith("FER-2013, ") && !text.contains("shared"), key + ": " + text);
        }
        assertTrue(String.valueOf(data.get("train")).contains("28,709")
                && String.valueOf(data.get("train")).contains("no explicit licence"), data.toString());
    }

    @Test
    void aWeightFileSwappedAfterExportIsRefusedNamingBothChecksums(@TempDir Path dir) throws Exception {
        copyOfTheShippedModel(dir);
        byte[] onnx = Files.readAllBytes(dir.resolve("emotion.onnx"));
        onnx[onnx.length / 2] ^= 1; // one bit of one weight
        Files.write(dir.resolve("emotion.onnx"), onnx);
        EmotionModel model = EmotionModel.open(dir);
        ModelException e = assertThrows(ModelException.class,
                () -> new DjlEmotionClassifier(model, "OnnxRuntime").close());
        assertTrue(e.getMessage().contains(dir.resolve("emotion.onnx").toString())
                && e.getMessage().contains(model.card().sha256().get("emotion.onnx"))
                && e.getMessage().contains("changed or replaced"), e.getMessage());
        // the other engine's file is intact and loads
        new DjlEmotionClassifier(model, "PyTorch").close();
    }

    @Test
    void aCardReadAndWrittenAgainKeepsItsWholeNumbersAndFields(@TempDir Path dir) throws Exception {
        copyOfTheShippedModel(dir);
        String text = Files.readString(dir.resolve(ModelCard.FILE));
        ModelCard card = ModelCard.parse(text, "copy");
        assertEquals(text.strip(), card.toJson().strip());
    }

    @Test
    void aMalformedChecksumEntryIsRefusedPrintingIt(@TempDir Path dir) throws Exception {
        copyOfTheShippedModel(dir);
        String text = Files.readString(dir.resolve(ModelCard.FILE)).replace("\"emotion.onnx\": \"c",
                "\"../emotion.onnx\": \"c");
        ModelException e = assertThrows(ModelException.class, () -> ModelCard.parse(text, "bad"));
        assertTrue(e.getMessage().contains("'../emotion.onnx'"), e.getMessage());
    }

    @Test
    void aCardThatLeavesKeysOutGetsTheDefaultsAndABuiltCardReadsBackTheSame() {
        ModelCard card = ModelCard.parse("{\"architecture\": \"compact\", \"inputSize\": 48, \"temperature\": null}",
                "short");
        assertEquals(1, card.formatVersion());
        assertEquals("x/255", card.normalisation());
        assertEquals("gray", card.colour());
        assertEquals(io.emojify.emotion.Emotion.labels(), card.classes());
        assertEquals(1.0, card.cropScale());
        assertEquals(1.0, card.temperature(), "a number given as null keeps its default");
        assertEquals(ModelCard.DEFAULT_PARAMETERS_FILE, card.parametersFile());
        assertEquals(java.util.Map.of(), card.recipe());
        assertEquals(java.util.List.of(), card.members());

        ModelCard built = ModelCard.builder().setName("n").setArchitecture("compact").setInputSize(48)
                .optRecipe("seed", 7).optMetric("publicTest", java.util.Map.of("accuracy", 0.5))
                .optMember(java.util.Map.of("architecture", "wide")).build();
        assertEquals(built, ModelCard.parse(built.toJson(), "again"));
        assertEquals(7L, built.recipe().get("seed"), "whole numbers stay whole");
        assertThrows(UnsupportedOperationException.class, () -> built.members().get(0).put("architecture", "x"));
        ModelException e = assertThrows(ModelException.class, () -> ModelCard.parse("[1, 2]", "a list"));
        assertTrue(e.getMessage().contains("a list") && e.getMessage().contains("not valid JSON"), e.getMessage());
    }
}
