package io.emojify.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the image decoding entry point (Jazzer). In a normal test run it replays the seeds under
 * {@code src/test/resources/io/emojify/image/ImageDecoderFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it fuzzes for the
 * bounded time (as {@code .ci/run} does). The only failure allowed is the library's own {@link ImageDecodingException}.
 */
class ImageDecoderFuzzTest {

    private static final ImageDecoder DECODER = new ImageDecoder(4_000_000);

    @FuzzTest(maxDuration = "60s")
    void decodeNeverFailsWithAnythingButTheLibrarysError(byte[] data) {
        try {
            DECODER.read(data, "fuzz");
        } catch (ImageDecodingException expected) {
            // a clear refusal is the right answer to bad bytes
        }
    }
}
