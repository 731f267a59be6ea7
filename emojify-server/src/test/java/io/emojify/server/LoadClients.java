package io.emojify.server;

import io.emojify.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The clients of the load tools ({@link LoadGenerator}, {@link SoakRun}) against a running server: a loop posting an
 * image, a loop sending live frames over the WebSocket, and the tally of what each kind of client got.
 */
final class LoadClients {

    /** How long a client waits after a refusal (503, or a live frame answered busy) before trying again. */
    static final long PAUSE_AFTER_REFUSAL_MS = 20;
    /** How long a live client waits for an answer before it counts an error and gives up. */
    private static final long ANSWER_TIMEOUT_S = 60;

    private LoadClients() {}

    /** What one kind of client got: the latency of each answered call, refusals, other errors. Thread-safe. */
    static final class Tally {
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final LongAdder refused = new LongAdder();
        private final LongAdder errors = new LongAdder();

        void answered(long nanos) {
            latencies.add(nanos);
        }

        void refused() {
            refused.increment();
        }

        void error() {
            errors.increment();
        }

        long errors() {
            return errors.sum();
        }

        /**
         * @param seconds how long the clients ran
         * @param refusal what a refusal is, e.g. {@code 503} or {@code busy}
         * @return two lines: answered (per second), refused, other errors; then the latency percentiles of the answered
         */
        String summary(double seconds, String refusal) {
            long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(Locale.ROOT, "answered %d (%.1f/s), refused with %s: %d, other errors: %d%n"
                    + "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", ms.length, ms.length / seconds, refusal,
                    refused.sum(), errors.sum(), percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
                    ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    /**
     * Starts a daemon thread.
     *
     * @param name its name
     * @param loop what it runs
     * @return the thread, started
     */
    static Thread start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @param server the server's {@code http:} address
     * @param path the path and query, e.g. {@code /v1/live?image=jpeg}
     * @return the {@code ws:} address of a path on the server
     */
    static URI ws(URI server, String path) {
        return URI.create(server.toString().replaceFirst("^http", "ws")).resolve(path);
    }

    /**
     * @param http the client
     * @param server the server
     * @return the body of {@code GET /metrics.json}
     */
    static String metricsJson(HttpClient http, URI server) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve("/metrics.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Posts the image in a loop until the end: 200 is answered, 503 refused (then a pause), anything else an error.
     *
     * @param http the client
     * @param server the server
     * @param endpoint {@code analyze} or {@code emojify} (JPEG back)
     * @param jpeg the image
     * @param endNanos when to stop ({@link System#nanoTime()})
     * @param tally what the requests got
     */
    static void post(HttpClient http, URI server, String endpoint, byte[] jpeg, long endNanos, Tally tally) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/v1/" + endpoint))
                .header("Content-Type", "image/jpeg").header("Accept", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
        while (System.nanoTime() < endNanos) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    tally.answered(System.nanoTime() - start);
                } else if (r.statusCode() == 503) {
                    tally.refused();
                    Thread.sleep(PAUSE_AFTER_REFUSAL_MS);
                } else {
                    tally.error();
                }
            } catch (IOException e) {
                tally.error();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One live connection until the end: sends the frame, waits for its answer, sends the next. An answer with faces is
     * answered, one marked busy refused (then a pause), any other error answer an error; a connection that closes or
     * an answer that does not come within a minute is an error that ends the client.
     *
     * @param http the client
     * @param server the server
     * @param jpeg the frame
     * @param endNanos when to stop ({@link System#nanoTime()})
     * @param tally what the frames got
     */
    static void live(HttpClient http, URI server, byte[] jpeg, long endNanos, Tally tally) {
        LiveSocketTest.Collector answers = new LiveSocketTest.Collector();
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().buildAsync(ws(server, "/v1/live"), answers).join();
        } catch (RuntimeException e) {
            tally.error();
            return;
        }
        try {
            while (System.nanoTime() < endNanos) {
                long start = System.nanoTime();
                ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
                Object answer = answers.messages.poll(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
                if (!(answer instanceof String s) || !s.startsWith("{")) { // no answer, or the connection ended
                    tally.error();
                    return;
                }
                if (s.contains("\"busy\":true")) {
                    tally.refused();
                    Thread.sleep(PAUSE_AFTER_REFUSAL_MS);
                } else if (s.contains("\"error\"")) {
                    tally.error();
                } else {
                    tally.answered(System.nanoTime() - start);
                }
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            tally.error();
        } finally {
            CompletableFuture.runAsync(ws::abort);
        }
    }

    /**
     * @param photo a photo
     * @return the photo scaled and cropped to fill 640x480, as JPEG
     */
    static byte[] frame(Path photo) {
        BufferedImage src = new ImageDecoder().read(photo);
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        double scale = Math.max(640.0 / src.getWidth(), 480.0 / src.getHeight());
        int w = (int) Math.round(src.getWidth() * scale);
        int h = (int) Math.round(src.getHeight() * scale);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        return Http.encode(out, Http.JPEG);
    }
}
