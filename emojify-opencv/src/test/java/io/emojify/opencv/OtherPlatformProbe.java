package io.emojify.opencv;

/** Run by {@link OtherPlatformTest} in a child JVM: asks the provider for its detector and prints what it got. */
public final class OtherPlatformProbe {

    private OtherPlatformProbe() {}

    /**
     * Prints the detector's class, or the exception's class and message.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try {
            System.out.println(new OpenCvEmojifyProvider().newFaceDetector().getClass().getName());
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
