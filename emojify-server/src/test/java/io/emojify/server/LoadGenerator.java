package io.emojify.server;

import io.emojify.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.ImageIO;

/**
 * A bounded load test of a running {@code emojify serve}: N clients, each posting the same 640x480 JPEG in a loop for a
 * fixed time (or sending it as live frames over the WebSocket), then throughput, latency percentiles of the answered
 * requests, 503 refusals, other errors and the server's heap (from {@code /metrics.json}) are printed. After a 503 a client
 * pauses 20 ms before trying again.
 *
 * <pre>
 * java -cp emojify-server/target/test-classes:emojify-examples/target/emojify.jar io.emojify.server.LoadGenerator \
 *     http://127.0.0.1:8080/ 8 30 ../shared/data/faces/photos/2.jpg analyze|emojify|live
 * </pre>
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    /**
     * Runs the load.
     *
     * @param args server URL, clients, seconds, photo, and what to call: {@code analyze} (POST /v1/analyze),
     *     {@code emojify} (POST /v1/emojify, JPEG back) or {@code live} (WebSocket frames)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadGenerator URL CLIENTS SECONDS PHOTO analyze|emojify|live");
            System.exit(2);
        }
        URI server = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        byte[] jpeg = frame(Path.of(args[3]));
        String what = args[4];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        LongAdder refused = new LongAdder();
        LongAdder errors = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Runnable loop = what.equals("live") ? () -> live(http, server, jpeg, end, latencies, errors)
                    : () -> post(http, server, what, jpeg, end, latencies, refused, errors);
            Thread t = new Thread(loop, "client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d clients, %d s, %d bytes per image%n", what, clients, seconds, jpeg.length);
        System.out.printf(Locale.ROOT, "answered %d (%.1f/s), refused with 503: %d, other errors: %d%n", ms.length,
                ms.length / (double) seconds, refused.sum(), errors.sum());
        System.out.printf(Locale.ROOT, "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", pct(ms, 0.5),
                pct(ms, 0.9), pct(ms, 0.99), ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.resolve("/metrics.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("server /metrics.json: " + metrics.body());
    }

    private static void post(HttpClient http, URI server, String what, byte[] jpeg, long end,
            ConcurrentLinkedQueue<Long> latencies, LongAdder refused, LongAdder errors) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/v1/" + what)).header("Content-Type", "image/jpeg")
                .header("Accept", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    latencies.add(System.nanoTime() - start);
                } else if (r.statusCode() == 503) {
                    refused.increment();
                    Thread.sleep(20);
                } else {
                    errors.increment();
                }
            } catch (IOException e) {
                errors.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One live connection: sends the frame, waits for its faces, sends the next. */
    private static void live(HttpClient http, URI server, byte[] jpeg, long end, ConcurrentLinkedQueue<Long> latencies,
            LongAdder errors) {
        LiveSocketTest.Collector answers = new LiveSocketTest.Collector();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(server.toString().replaceFirst("^http", "ws"))
                .resolve("/v1/live"), answers).join();
        try {
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
                Object meta = answers.messages.take();
                if (meta instanceof String s && s.contains("\"error\"")) {
                    errors.increment();
                    Thread.sleep(20);
                    continue;
                }
                latencies.add(System.nanoTime() - start);
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.increment();
        }
        CompletableFuture.runAsync(ws::abort);
    }

    /** The photo scaled and cropped to fill 640x480, as JPEG. */
    private static byte[] frame(Path photo) throws IOException {
        BufferedImage src = new ImageDecoder().read(photo);
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        double scale = Math.max(640.0 / src.getWidth(), 480.0 / src.getHeight());
        int w = (int) Math.round(src.getWidth() * scale);
        int h = (int) Math.round(src.getHeight() * scale);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
