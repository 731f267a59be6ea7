package io.emojify.server;

import io.emojify.Emojify;
import io.emojify.djl.DjlEmojifyProvider;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.face.FaceDetector;

/**
 * A server over the real models, as {@code emojify serve} starts it: the API's images analysed with the photo detection
 * settings, live frames with the video ones (YuNet, sharing the emotion classifier). Needs YuNet's weights.
 */
final class RealServer implements AutoCloseable {

    private final Emojify emojify;
    private final FaceDetector liveDetector;
    private final Emojify live;
    final EmojifyServer server;

    /** @param settings where to listen and who is admitted */
    RealServer(ServerSettings settings) {
        emojify = Emojify.create();
        liveDetector = DjlEmojifyProvider.newFaceDetector("yunet", DetectorSettings.VIDEO);
        live = Emojify.builder().optFaceDetector(liveDetector).optEmotionClassifier(emojify.emotionClassifier())
                .build();
        server = EmojifyServer.start(emojify, live, settings);
    }

    @Override
    public void close() {
        server.close();
        live.close();
        liveDetector.close();
        emojify.close();
    }
}
