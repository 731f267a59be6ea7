package io.emojify.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.model.ModelException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ProviderDiscovery.PROVIDER_PROPERTY);
    }

    @Test
    void aBrokenProviderNeverStopsTheOthersAndTheHighestPriorityWins() {
        List<EmojifyProvider> all = ProviderDiscovery.all(getClass().getClassLoader());
        assertEquals(List.of("unavailable", "test", "low"), all.stream().map(EmojifyProvider::name).toList());
        assertEquals("unavailable", ProviderDiscovery.find().name());
    }

    @Test
    void theSystemPropertyComesFirst() {
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, LowPriorityProvider.class.getName());
        assertEquals("low", ProviderDiscovery.find().name());
    }

    @Test
    void aBadPropertyIsAClearError() {
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, "com.example.Nope");
        ProviderException e = assertThrows(ProviderException.class, ProviderDiscovery::find);
        assertTrue(e.getMessage().contains("com.example.Nope") && e.getMessage().contains("emojify.provider"),
                e.getMessage());
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, String.class.getName());
        assertThrows(ProviderException.class, ProviderDiscovery::find);
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, BrokenProvider.class.getName());
        assertThrows(ProviderException.class, ProviderDiscovery::find);
    }

    @Test
    void noProviderSaysWhichArtifactToAdd() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], EmojifyProvider.class.getClassLoader().getParent())) {
            ProviderException e = assertThrows(ProviderException.class, () -> ProviderDiscovery.find(empty));
            assertTrue(e.getMessage().contains("io.emojify:emojify-djl"), e.getMessage());
        }
    }

    @Test
    void aComponentThatCannotBeHadIsTakenFromTheNextBackend() {
        try (Emojify e = Emojify.create()) {
            assertEquals("FixedFaceDetector", e.faceDetector().name());
            assertEquals("MeanBrightnessClassifier", e.emotionClassifier().name());
        }
    }

    @Test
    void optionsReachTheBackendOfEachInstance() {
        try (Emojify e = Emojify.builder().optDetector("fixed").build()) {
            assertEquals("FixedFaceDetector", e.faceDetector().name());
        }
    }

    @Test
    void aConfigurationMistakeIsAnErrorNamingTheChoicesNeverAnotherBackend() {
        // LowPriorityProvider would supply a detector: none of these may reach it
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> Emojify.builder().optDetector("fixd").build());
        assertEquals("Unknown face detector 'fixd'; use fixed", unknown.getMessage());
        ConfigurationException option = assertThrows(ConfigurationException.class,
                () -> Emojify.builder().optBackendOption("Colour", "red").build());
        assertEquals("The test backend has no option [colour] (given {colour=red}); its options are [detector]",
                option.getMessage());
        ModelException wrong = assertThrows(ModelException.class,
                () -> Emojify.builder().optDetector("corrupt").build());
        assertTrue(wrong.getMessage().contains("SHA-256"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Emojify.builder().optEngine(" "));
    }

    @Test
    void aBackendThatReadsNoOptionsDeclinesAndSaysSo() {
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, LowPriorityProvider.class.getName());
        ProviderException e = assertThrows(ProviderException.class,
                () -> Emojify.builder().optDetector("fixed").build());
        assertTrue(e.getMessage().contains("reads no options (given {detector=fixed})"), e.getMessage());
    }

    @Test
    void whenNoBackendCanSupplyAComponentEveryReasonIsGiven() {
        System.setProperty(ProviderDiscovery.PROVIDER_PROPERTY, UnavailableProvider.class.getName());
        ProviderException e = assertThrows(ProviderException.class, Emojify::create);
        assertTrue(e.getMessage().contains("weights cannot be downloaded here"), e.getMessage());
    }
}
