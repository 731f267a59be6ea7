package io.emojify.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataDescriptionTest {

    @Test
    void fer2013SplitsAreNamedAndOtherDataIsNamedByItsFolder() {
        String train = ModelExporter.describeData(ModelExporter.FER2013_TRAINING[0], ModelExporter.FER2013_TRAINING,
                "../shared/data/fer2013");
        assertTrue(train.startsWith("FER-2013, Training split: 28,709") && !train.contains("shared"), train);
        assertEquals("read from /data/mine (not a FER-2013 split this trainer knows)",
                ModelExporter.describeData("0123", ModelExporter.FER2013_PUBLIC_TEST, "/data/mine"));
    }
}
