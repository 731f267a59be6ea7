package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.server.TestServers.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} in the Prometheus text format, checked by a strict parser; the JSON summary beside it. */
class MetricsTest {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /**
     * Parses the Prometheus text format (version 0.0.4) strictly: every line is a HELP, a TYPE or a sample; every sample
     * belongs to a family typed before it; label values are well escaped; values are numbers.
     */
    static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                assertTrue(parts.length >= 3 && NAME.matcher(parts[2]).matches(), "a metric name: " + line);
                if (parts[1].equals("TYPE")) {
                    assertTrue(parts.length == 4 && TYPES.contains(parts[3]), "a known type: " + line);
                    assertTrue(types.put(parts[2], parts[3]) == null, "one TYPE per family: " + line);
                }
                continue;
            }
            assertTrue(!line.startsWith("#"), "only HELP and TYPE comments: " + line);
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a sample line: " + line);
            String name = m.group(1);
            String family = name.replaceFirst("_(bucket|count|sum|total|created)$", "");
            assertTrue(types.containsKey(name) || types.containsKey(family), "typed before its samples: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end() + (l.end() < m.group(3).length() && m.group(3).charAt(l.end()) == ',' ? 1 : 0);
                }
                assertEquals(m.group(3).length(), end, "well-formed labels: " + line);
            }
            String v = m.group(4);
            double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf")
                    ? Double.NEGATIVE_INFINITY : v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
            samples.add(new Sample(name, labels, value));
        }
        return samples;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet()
                .containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
    }

    @Test
    void metricsAreThePrometheusTextFormatWithRequestsLatencyFacesLiveQueueAndJvm() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT))) {
            byte[] jpeg = TestServers.image(160, 120, "jpeg");
            assertEquals(200, TestServers.post(server, "/v1/analyze", "image/jpeg", null, jpeg).status());
            assertEquals(200, TestServers.post(server, "/v1/analyze", "image/jpeg", null, jpeg).status());
            assertEquals(415, TestServers.post(server, "/v1/analyze", "text/plain", null, jpeg).status());
            LiveSocketTest.Collector c = new LiveSocketTest.Collector();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(TestServers.ws(server, "/v1/live"), c).join();
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            c.messages.take();

            Response r = TestServers.get(server, "/metrics");
            assertEquals(200, r.status());
            assertTrue(r.headers().contains("content-type: text/plain; version=0.0.4"), r.headers());
            List<Sample> samples = parse(r.text());

            Map<String, String> ok = Map.of("route", "/v1/analyze", "status", "200", "method", "POST");
            assertEquals(2, value(samples, "http_server_requests_seconds_count", ok), r.text());
            assertEquals(1, value(samples, "http_server_requests_seconds_count", Map.of("route", "/v1/analyze",
                    "status", "415")));
            assertEquals(2, value(samples, "http_server_requests_seconds_bucket", with(ok, "le", "+Inf")),
                    "a latency histogram");
            assertTrue(value(samples, "http_server_requests_seconds_bucket", with(ok, "le", "10.0")) == 2,
                    "buckets are cumulative: " + r.text());
            assertEquals(3, value(samples, "emojify_faces_total", Map.of()), "two images and a frame, one face each");
            assertEquals(1, value(samples, "emojify_live_connections", Map.of()));
            assertEquals(1, value(samples, "emojify_live_frames_total", Map.of("result", "ok")));
            assertEquals(1, value(samples, "emojify_live_frame_seconds_count", Map.of()));
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("emojify_live_closed_slow_total")
                    && s.value() == 0), "connections closed for not reading, none yet");
            assertEquals(0, value(samples, "emojify_queue_depth", Map.of()));
            assertEquals(ServerSettings.DEFAULT.queue(), value(samples, "emojify_queue_capacity", Map.of()));
            assertEquals(0, value(samples, "emojify_rejected_total", Map.of()));
            assertTrue(value(samples, "jvm_memory_used_bytes", Map.of("area", "heap")) > 0, "JVM memory");
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("jvm_gc_pause_seconds_count")
                    || s.name().startsWith("jvm_gc_")), "JVM GC");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

            Response json = TestServers.send(HttpRequest.newBuilder(server.uri().resolve("/metrics"))
                    .header("Accept", "application/json").build());
            assertEquals(3, json.json().get("requests").getAsInt(), "the JSON summary by Accept: " + json.text());
            Response scraper = TestServers.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).header(
                    "Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                    .build());
            parse(scraper.text());
            assertEquals(3, TestServers.get(server, "/metrics.json").json().get("requests").getAsInt());
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new HashMap<>(labels);
        m.put(key, value);
        return m;
    }
}
