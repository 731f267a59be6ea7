package io.emojify.server;

import static io.emojify.server.TestServers.get;
import static io.emojify.server.TestServers.image;
import static io.emojify.server.TestServers.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.server.TestServers.GatedDetector;
import io.emojify.server.TestServers.Response;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Past capacity the server answers 503 at once rather than queueing without bound, and on close it finishes the work in
 * progress while refusing new work. The stand-in detector holds a request until the test releases it: no timing.
 */
class CapacityTest {

    @Test
    void fullWorkersAndQueueGive503WithRetryAfter() throws Exception {
        GatedDetector detector = new GatedDetector();
        try (Emojify emojify = TestServers.emojify(detector);
                EmojifyServer server = EmojifyServer.start(emojify,
                        TestServers.loopback(ServerSettings.DEFAULT.withWorkers(1, 0)))) {
            detector.arm();
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                    () -> post(server, "/v1/analyze", "image/png", null, image(64, 64, "png")));
            detector.entered.await(); // the only worker is busy; there is no queue
            Response second = post(server, "/v1/analyze", "image/png", null, image(64, 64, "png"));
            assertEquals(503, second.status());
            assertTrue(second.error().startsWith("busy: all 1 workers are working"), second.error());
            assertTrue(second.headers().contains("retry-after: 1"), second.headers());
            detector.release.countDown();
            assertEquals(200, first.get().status());
            assertEquals(1, get(server, "/metrics.json").json().get("rejected").getAsInt());
            String prometheus = get(server, "/metrics").text();
            assertEquals(1, MetricsTest.parse(prometheus).stream().filter(s -> s.name().equals("emojify_rejected_total"))
                    .mapToDouble(MetricsTest.Sample::value).sum(), prometheus);
        }
    }

    @Test
    void closeFinishesTheRequestInProgressAndRefusesNewOnes() throws Exception {
        GatedDetector detector = new GatedDetector();
        try (Emojify emojify = TestServers.emojify(detector)) {
            EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT));
            detector.arm();
            CompletableFuture<Response> inProgress = CompletableFuture.supplyAsync(
                    () -> post(server, "/v1/analyze", "image/png", null, image(64, 64, "png")));
            detector.entered.await();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Response health;
            do { // until close() has begun: it waits for the request held by the detector
                health = get(server, "/health");
            } while (health.status() == 200);
            assertEquals(503, health.status());
            assertEquals("stopping", health.json().get("status").getAsString());
            Response refused = post(server, "/v1/analyze", "image/png", null, image(64, 64, "png"));
            assertEquals(503, refused.status());
            assertEquals("the server is shutting down", refused.error());
            assertTrue(!closing.isDone(), "close() waits for the request in progress");

            detector.release.countDown();
            Response finished = inProgress.get();
            assertEquals(200, finished.status(), finished.text());
            assertEquals(1, finished.json().getAsJsonArray("faces").size());
            closing.get();
            ExecutionException gone = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(server.uri().resolve("/health"))
                            .build(), HttpResponse.BodyHandlers.discarding()).get());
            assertTrue(gone.getCause() instanceof ConnectException, "nothing listens after close: " + gone.getCause());
        }
    }
}
