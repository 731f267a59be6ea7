package io.emojify.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A bounded load test of a running {@code emojify serve}: N clients, each posting the same 640x480 JPEG in a loop for a
 * fixed time (or sending it as live frames over the WebSocket), then throughput, latency percentiles of the answered
 * requests, refusals (503, or live frames answered busy), other errors and the server's {@code /metrics.json} are
 * printed. After a refusal a client pauses 20 ms. The clients are {@link LoadClients}'.
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
        byte[] jpeg = LoadClients.frame(Path.of(args[3]));
        String what = args[4];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LoadClients.Tally tally = new LoadClients.Tally();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(LoadClients.start("client-" + c, what.equals("live")
                    ? () -> LoadClients.live(http, server, jpeg, end, tally)
                    : () -> LoadClients.post(http, server, what, jpeg, end, tally)));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf(Locale.ROOT, "%s: %d clients, %d s, %d bytes per image%n", what, clients, seconds, jpeg.length);
        System.out.println(tally.summary(seconds, what.equals("live") ? "busy" : "503"));
        System.out.println("server /metrics.json: " + LoadClients.metricsJson(http, server));
    }
}
