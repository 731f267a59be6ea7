package io.emojify.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendOptionsTest {

    @Test
    void valuesAreAddedToACopyWithNamesInLowerCase() {
        BackendOptions none = BackendOptions.none();
        BackendOptions one = none.with("Engine", " PyTorch ");
        BackendOptions two = one.with("engine", "OnnxRuntime").with("detector", "yunet");
        assertTrue(none.isEmpty());
        assertEquals(Map.of("engine", "PyTorch"), one.asMap(), "the earlier options are not changed");
        assertEquals(Optional.of("OnnxRuntime"), two.get(BackendOptions.ENGINE), "a later value replaces an earlier one");
        assertEquals("{detector=yunet, engine=OnnxRuntime}", two.toString());
        assertEquals(two, BackendOptions.none().with("detector", "yunet").with("ENGINE", "OnnxRuntime"));
        assertThrows(UnsupportedOperationException.class, () -> two.asMap().put("models", "/tmp"));
        assertThrows(IllegalArgumentException.class, () -> none.with("", "x"));
        assertThrows(NullPointerException.class, () -> none.with("engine", null));
    }

    @Test
    void aBackendRefusesNamesItDoesNotReadNamingThem() {
        BackendOptions o = BackendOptions.none().with("detector", "yunet").with("colour", "red");
        o.requireOnly("any", Set.of("detector", "colour"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> o.requireOnly("DJL", Set.of("detector", "engine")));
        assertEquals("The DJL backend has no option [colour] (given {colour=red}); its options are [detector, engine]",
                e.getMessage());
    }
}
