package io.emojify.server;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a request is admitted, before any work is done for it: the {@code Host} check (while listening on
 * loopback), the {@code Origin} check, and the token ({@link AccessSettings}). A refusal is an {@link ApiException}:
 * 403 for a foreign host or origin, 401 (with {@code WWW-Authenticate: Bearer}) for a missing or wrong token. Also answers
 * the CORS preflight of the origins allowed besides the server's own. Thread-safe.
 */
final class Admission {

    /** The WebSocket subprotocol the live page asks for; the server answers with it. */
    static final String PROTOCOL = "emojify";
    /** The prefix of the WebSocket subprotocol that carries the token, for browsers (which cannot set headers there). */
    static final String TOKEN_PROTOCOL = "emojify-token.";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean checkHost;
    private final byte[] tokenDigest;
    private final boolean anyOrigin;
    private final Set<String> origins = new HashSet<>();
    private final Set<String> hosts = new HashSet<>();
    private final ServerMetrics metrics;

    /**
     * @param access the settings
     * @param loopback whether the server listens on a loopback address only (then the {@code Host} check applies, as it
     *     does elsewhere when host names are allowed)
     * @param metrics where refusals are counted
     */
    Admission(AccessSettings access, boolean loopback, ServerMetrics metrics) {
        this.checkHost = loopback || !access.allowedHosts().isEmpty();
        this.tokenDigest = access.token() == null ? null : sha256(access.token());
        this.anyOrigin = access.allowedOrigins().contains("*");
        this.origins.addAll(access.allowedOrigins());
        this.hosts.addAll(access.allowedHosts());
        this.metrics = metrics;
    }

    /** @return whether requests must carry the token */
    boolean requiresToken() {
        return tokenDigest != null;
    }

    /**
     * Admits an HTTP request or refuses it. A CORS preflight from an allowed origin is answered here (204).
     *
     * @param ctx the request
     */
    void http(Context ctx) {
        host(ctx);
        boolean crossOrigin = origin(ctx);
        if (crossOrigin) {
            ctx.header("Access-Control-Allow-Origin", ctx.header("Origin"));
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Expose-Headers", "X-Emojify-Faces, Retry-After");
            if ("OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (tokenDigest != null && needsToken(ctx.path())) {
            token(ctx, bearer(ctx));
        }
    }

    /**
     * Admits a WebSocket upgrade or refuses it (before the connection is opened). The token may come as
     * {@code Authorization: Bearer} or as the subprotocol {@code emojify-token.<token>}.
     *
     * @param ctx the upgrade request
     */
    void upgrade(Context ctx) {
        host(ctx);
        origin(ctx);
        if (tokenDigest != null) {
            String given = bearer(ctx);
            String protocols = ctx.header("Sec-WebSocket-Protocol");
            if (given == null && protocols != null) {
                for (String p : protocols.split(",")) {
                    if (p.trim().startsWith(TOKEN_PROTOCOL)) {
                        given = p.trim().substring(TOKEN_PROTOCOL.length());
                    }
                }
            }
            token(ctx, given);
        }
    }

    private static boolean needsToken(String path) {
        return path.startsWith("/v1/") || path.equals("/metrics") || path.startsWith("/metrics.");
    }

    private void host(Context ctx) {
        String host = ctx.header("Host");
        if (!checkHost || host == null) {
            return; // a request without Host is not a browser's (browsers always send it)
        }
        String name = hostName(host);
        if (name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches() || name.equals("[::1]")
                || name.equals("[0:0:0:0:0:0:0:1]") || hosts.contains(name)) {
            return;
        }
        metrics.refused("host");
        throw new ApiException(403, "Host '" + host + "' does not name this server: it answers to localhost, loopback "
                + "addresses and the names allowed with serve --allow-host NAME only");
    }

    /** @return true when the request comes from another origin that is allowed; false without Origin or from its own */
    private boolean origin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        String normalised = parseOrigin(origin);
        if (normalised != null && isOwn(normalised, ctx.header("Host"))) {
            return false;
        }
        if (anyOrigin || normalised != null && origins.contains(normalised)) {
            return true;
        }
        metrics.refused("origin");
        throw new ApiException(403, "Origin '" + origin + "' may not call this server: only its own pages and the "
                + "origins allowed with serve --allow-origin URL may");
    }

    private void token(Context ctx, String given) {
        if (given != null && MessageDigest.isEqual(sha256(given), tokenDigest)) {
            return;
        }
        metrics.refused("token");
        ctx.header("WWW-Authenticate", "Bearer realm=\"emojify\"");
        throw new ApiException(401, given == null
                ? "this server requires its token: send Authorization: Bearer <token> (the start-up URL carries it "
                        + "after #token=)"
                : "wrong token");
    }

    private static String bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null) {
            return null;
        }
        String[] parts = auth.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") ? parts[1].trim() : null;
    }

    /** Whether an origin is the one the {@code Host} header names (same host; same port, a default one when absent). */
    private static boolean isOwn(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String name = hostName(hostHeader);
        String rest = hostHeader.substring(Math.min(hostHeader.length(), hostEnd(hostHeader)));
        int schemeEnd = origin.indexOf("://");
        String scheme = origin.substring(0, schemeEnd);
        String port = rest.startsWith(":") ? rest.substring(1) : "";
        try {
            return origin.equals(origin(scheme, name, port.isEmpty() ? -1 : Integer.parseInt(port)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** @return the host of a {@code Host} header, lower case, IPv6 in brackets, without the port */
    private static String hostName(String hostHeader) {
        return hostHeader.substring(0, hostEnd(hostHeader)).toLowerCase(Locale.ROOT);
    }

    private static int hostEnd(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            return close < 0 ? hostHeader.length() : close + 1;
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader.length() : colon;
    }

    /** @return an {@code Origin} header as {@code scheme://host[:port]}, or null when it is none ({@code null}...) */
    private static String parseOrigin(String header) {
        try {
            URI uri = new URI(header.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * @param scheme e.g. {@code https}
     * @param host e.g. {@code emojify.example.com}, IPv6 in brackets
     * @param port the port, -1 for the scheme's default
     * @return {@code scheme://host[:port]} in lower case, the scheme's default port left out
     */
    static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = s.equals("https") || s.equals("wss") ? 443 : s.equals("http") || s.equals("ws") ? 80 : -1;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (port < 0 || port == defaultPort ? "" : ":" + port);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
