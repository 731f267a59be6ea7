package io.emojify.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A soak of a running {@code emojify serve}: for some minutes, clients posting a 640x480 JPEG to {@code /v1/analyze} in
 * a loop (as many as keep the workers and the queue full: the server answers the rest 503), live clients sending it as
 * frames over {@code /v1/live} (one in flight each), idle WebSocket connections held open (a ping a minute, no frames),
 * and optionally a slow reader: a live client asking for the drawn frame ({@code ?image=jpeg}) at 10 frames/s that never
 * reads its answers. Before the load, once the idle connections are open, and then each minute it samples the server
 * process's resident memory ({@code VmRSS} of {@code /proc/PID/status}) and {@code /metrics.json} (heap in use, live
 * connections). At the end it prints, per kind of client, what was answered, refused (503, or live frames answered
 * busy) and failed otherwise, with the latency percentiles of the answered; the memory series; whether the slow reader
 * was dropped; and how many idle connections stayed open. The clients are {@link LoadClients}'.
 *
 * <pre>
 * java -cp emojify-server/target/test-classes:emojify-examples/target/emojify.jar io.emojify.server.SoakRun \
 *     http://127.0.0.1:18080/ ../shared/data/faces/photos/2.jpg 10 --analyze 8 --live 8 --idle 200 --slow-reader \
 *     --pid SERVER_PID
 * </pre>
 */
public final class SoakRun {

    private static final String USAGE = "usage: SoakRun URL PHOTO MINUTES [--analyze N] [--live N] [--idle N] "
            + "[--slow-reader] [--pid SERVER_PID]";
    private static final long SLOW_READER_INTERVAL_MS = 100;

    private final URI server;
    private final Long pid;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> samples = new ArrayList<>();

    private SoakRun(URI server, Long pid) {
        this.server = server;
        this.pid = pid;
    }

    /**
     * Runs the soak.
     *
     * @param args server URL, photo, minutes; then {@code --analyze N} (default 8), {@code --live N} (8),
     *     {@code --idle N} (200), {@code --slow-reader}, {@code --pid} the server's process id (for its resident memory)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int analyzeClients = 8;
        int liveClients = 8;
        int idleConnections = 200;
        boolean slowReader = false;
        Long pid = null;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--analyze" -> analyzeClients = Integer.parseInt(args[++i]);
                case "--live" -> liveClients = Integer.parseInt(args[++i]);
                case "--idle" -> idleConnections = Integer.parseInt(args[++i]);
                case "--slow-reader" -> slowReader = true;
                case "--pid" -> pid = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; " + USAGE);
                    System.exit(2);
                }
            }
        }
        new SoakRun(URI.create(args[0]), pid).run(Path.of(args[1]), Integer.parseInt(args[2]), analyzeClients,
                liveClients, idleConnections, slowReader);
    }

    private void run(Path photo, int minutes, int analyzeClients, int liveClients, int idleConnections,
            boolean withSlowReader) throws Exception {
        byte[] jpeg = LoadClients.frame(photo);
        System.out.printf(Locale.ROOT, "soak of %s for %d min: %d analyze clients, %d live clients, %d idle "
                + "connections%s; a 640x480 frame of %d bytes%n", server, minutes, analyzeClients, liveClients,
                idleConnections, withSlowReader ? ", a slow reader" : "", jpeg.length);
        sample("start");
        HttpClient idleHttp = HttpClient.newHttpClient();
        List<WebSocket> idle = new ArrayList<>();
        List<LiveSocketTest.Collector> idleMessages = new ArrayList<>();
        for (int i = 0; i < idleConnections; i++) {
            LiveSocketTest.Collector c = new LiveSocketTest.Collector();
            idle.add(idleHttp.newWebSocketBuilder().buildAsync(LoadClients.ws(server, "/v1/live"), c).join());
            idleMessages.add(c);
        }
        sample("idle open");

        long start = System.nanoTime();
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        HttpClient liveHttp = HttpClient.newHttpClient();
        LoadClients.Tally analyze = new LoadClients.Tally();
        LoadClients.Tally live = new LoadClients.Tally();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < analyzeClients; c++) {
            threads.add(LoadClients.start("analyze-" + c,
                    () -> LoadClients.post(http, server, "analyze", jpeg, end, analyze)));
        }
        for (int c = 0; c < liveClients; c++) {
            threads.add(LoadClients.start("live-" + c, () -> LoadClients.live(liveHttp, server, jpeg, end, live)));
        }
        SlowReader slow = withSlowReader ? new SlowReader(liveHttp, jpeg, end) : null;
        if (slow != null) {
            threads.add(LoadClients.start("slow-reader", slow));
        }
        for (int minute = 1; minute <= minutes; minute++) {
            long due = start + TimeUnit.MINUTES.toNanos(minute);
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
            }
            for (WebSocket ws : idle) {
                ws.sendPing(ByteBuffer.allocate(0)); // within the server's idle timeout of 5 minutes
            }
            sample("minute " + minute);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int stillOpen = 0;
        for (int i = 0; i < idle.size(); i++) {
            if (!idle.get(i).isInputClosed() && idleMessages.get(i).messages.isEmpty()) {
                stillOpen++;
            }
        }
        JsonObject metrics = JsonParser.parseString(LoadClients.metricsJson(http, server)).getAsJsonObject();
        System.out.println();
        System.out.println("analyze (POST /v1/analyze):");
        System.out.println(indent(analyze.summary(seconds, "503")));
        System.out.println("live (WebSocket frames, one in flight per client):");
        System.out.println(indent(live.summary(seconds, "busy")));
        System.out.println("server, resident memory (VmRSS) and heap in use:");
        samples.forEach(s -> System.out.println("  " + s));
        if (slow != null) {
            System.out.println(slow.report(metrics.getAsJsonObject("live").get("closedSlow").getAsLong()));
        }
        System.out.printf(Locale.ROOT, "idle connections: %d of %d open at the end, no message received%n", stillOpen,
                idle.size());
        System.out.println("server /metrics.json: " + metrics);
        for (WebSocket ws : idle) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Records and prints one line: the server's resident memory, heap in use and live connections now. */
    private void sample(String when) throws IOException, InterruptedException {
        JsonObject m = JsonParser.parseString(LoadClients.metricsJson(http, server)).getAsJsonObject();
        String line = String.format(Locale.ROOT, "%-10s RSS %s, heap %d MB, live connections %d, requests %d, "
                + "refused (503 and busy) %d", when, pid == null ? "(no --pid)" : residentMb(pid) + " MB",
                m.get("heapUsedMb").getAsLong(), m.getAsJsonObject("live").get("connections").getAsInt(),
                m.get("requests").getAsLong(), m.get("rejected").getAsLong());
        samples.add(line);
        System.out.println(line);
    }

    /** @return the resident memory of a process in MB, from {@code /proc/PID/status} */
    private static long residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private static String indent(String lines) {
        return "  " + lines.replace("\n", "\n  ");
    }

    /**
     * A live client that asks for the drawn frame and sends a frame every 100 ms without ever reading its answers, until
     * a send fails (the server dropped it) or the soak ends.
     */
    private final class SlowReader implements Runnable {
        private final HttpClient liveHttp;
        private final byte[] jpeg;
        private final long endNanos;
        private final long startNanos = System.nanoTime();
        private volatile int sent;
        private volatile double droppedAfterSeconds = -1;
        private volatile String failure;

        SlowReader(HttpClient liveHttp, byte[] jpeg, long endNanos) {
            this.liveHttp = liveHttp;
            this.jpeg = jpeg;
            this.endNanos = endNanos;
        }

        @Override
        public void run() {
            WebSocket ws = liveHttp.newWebSocketBuilder().buildAsync(LoadClients.ws(server, "/v1/live?image=jpeg"),
                    new LiveSocketTest.Collector(false)).join();
            try {
                while (System.nanoTime() < endNanos) {
                    ws.sendBinary(ByteBuffer.wrap(jpeg), true).get(30, TimeUnit.SECONDS);
                    sent++;
                    Thread.sleep(SLOW_READER_INTERVAL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) { // the server closed the connection: the send fails
                droppedAfterSeconds = (System.nanoTime() - startNanos) / 1e9;
                failure = String.valueOf(e.getCause() != null ? e.getCause() : e);
            } finally {
                ws.abort();
            }
        }

        String report(long closedByServer) {
            String server = "the server counts " + closedByServer + " connection(s) closed for not reading";
            if (droppedAfterSeconds < 0) {
                return String.format(Locale.ROOT, "slow reader: NOT dropped (%d frames sent; %s)", sent, server);
            }
            return String.format(Locale.ROOT, "slow reader: dropped, its sends failing %.0f s after its first frame "
                    + "(%d frames sent; %s; %s)", droppedAfterSeconds, sent, server, failure);
        }
    }
}
