package io.emojify.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link EmojifyProvider} to use, in the manner of SLF4J 2's {@code LoggerFactory}:
 * <ol>
 *   <li>the class named by the system property {@value #PROVIDER_PROPERTY}, if set (an error if it cannot be loaded);</li>
 *   <li>else every provider that {@link ServiceLoader} finds with this API's class loader; a provider that fails to load is
 *       logged and skipped, never stopping the others;</li>
 *   <li>several found: the highest {@link EmojifyProvider#priority()} is taken and the choice is logged;</li>
 *   <li>none found: a {@link ProviderException} that says which artifact to add.</li>
 * </ol>
 */
public final class ProviderDiscovery {

    /** The system property that names a provider class explicitly. */
    public static final String PROVIDER_PROPERTY = "emojify.provider";

    /** The artifact that holds the standard backend. */
    public static final String DEFAULT_ARTIFACT = "io.emojify:emojify-djl";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);

    private ProviderDiscovery() {}

    /**
     * Finds the provider to use.
     *
     * @return the provider
     * @throws ProviderException if the named provider cannot be loaded or none is found
     */
    public static EmojifyProvider find() {
        return find(EmojifyProvider.class.getClassLoader());
    }

    /**
     * Finds the provider to use, searching a given class loader.
     *
     * @param loader the class loader to search
     * @return the provider
     * @throws ProviderException if the named provider cannot be loaded or none is found
     */
    public static EmojifyProvider find(ClassLoader loader) {
        return candidates(loader).get(0);
    }

    /**
     * Returns the providers to try, in order: the one named by {@value #PROVIDER_PROPERTY} alone when it is set, else every
     * provider found, highest priority first. A component that the first cannot supply (for example a detector whose
     * weights cannot be downloaded) is taken from the next.
     *
     * @param loader the class loader to search
     * @return at least one provider
     * @throws ProviderException if the named provider cannot be loaded or none is found
     */
    public static List<EmojifyProvider> candidates(ClassLoader loader) {
        String explicit = System.getProperty(PROVIDER_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return List.of(loadExplicit(explicit.trim(), loader));
        }
        List<EmojifyProvider> found = all(loader);
        if (found.isEmpty()) {
            throw new ProviderException("No Emojify backend found on the class path. Add the dependency "
                    + DEFAULT_ARTIFACT + " (or another artifact that provides " + EmojifyProvider.class.getName()
                    + "), or pass your own FaceDetector and EmotionClassifier to Emojify.builder().");
        }
        EmojifyProvider chosen = found.get(0);
        if (found.size() > 1) {
            LOG.debug("Several Emojify backends found {}; using '{}' first (highest priority). Set -D{}=<class> to choose.",
                    found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")").toList(), chosen.name(),
                    PROVIDER_PROPERTY);
        } else {
            LOG.debug("Emojify backend: {} ({})", chosen.name(), chosen.getClass().getName());
        }
        return found;
    }

    /**
     * Lists every provider that loads, highest priority first. Broken providers are logged and skipped.
     *
     * @param loader the class loader to search
     * @return the providers
     */
    public static List<EmojifyProvider> all(ClassLoader loader) {
        List<EmojifyProvider> found = new ArrayList<>();
        Iterator<EmojifyProvider> it = ServiceLoader.load(EmojifyProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("An Emojify backend failed to load and was skipped: {}", e.toString());
            }
        }
        found.sort(Comparator.comparingInt(EmojifyProvider::priority).reversed());
        return found;
    }

    private static EmojifyProvider loadExplicit(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!EmojifyProvider.class.isAssignableFrom(type)) {
                throw new ProviderException("-D" + PROVIDER_PROPERTY + "=" + className + " names a class that does not"
                        + " implement " + EmojifyProvider.class.getName());
            }
            EmojifyProvider p = (EmojifyProvider) type.getDeclaredConstructor().newInstance();
            LOG.debug("Emojify backend set by -D{}: {}", PROVIDER_PROPERTY, className);
            return p;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ProviderException("Cannot load the Emojify backend named by -D" + PROVIDER_PROPERTY + "="
                    + className + ": " + e, e);
        }
    }
}
