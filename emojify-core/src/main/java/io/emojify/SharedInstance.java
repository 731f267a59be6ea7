package io.emojify;

/**
 * The one {@link Emojify} behind the static {@link Emojify#annotate(java.awt.image.BufferedImage)}: made with the
 * discovered defaults on first use and kept until {@link #close()}, after which the next use makes a new one.
 */
final class SharedInstance {

    private static final Object LOCK = new Object();
    private static volatile Emojify shared;

    private SharedInstance() {}

    /** The shared instance, made now if there is none. */
    static Emojify get() {
        Emojify e = shared;
        if (e == null) {
            synchronized (LOCK) {
                e = shared;
                if (e == null) {
                    e = Emojify.create();
                    shared = e;
                }
            }
        }
        return e;
    }

    /** Closes the shared instance, if there is one, and forgets it. */
    static void close() {
        Emojify e;
        synchronized (LOCK) {
            e = shared;
            shared = null;
        }
        if (e != null) {
            e.close();
        }
    }
}
