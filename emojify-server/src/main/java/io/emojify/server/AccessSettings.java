package io.emojify.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an {@link EmojifyServer} admits, besides the limits of {@link ServerSettings}.
 *
 * <ul>
 *   <li>A request that carries an {@code Origin} header (a browser's request or WebSocket) is admitted only from the
 *       server's own origin (the one its {@code Host} header names) and from {@link #allowedOrigins()}; {@code *} admits
 *       every origin. Requests without {@code Origin} (curl, SDKs) are not affected.
 *   <li>While the server listens on a loopback address, a {@code Host} header that names neither {@code localhost} nor a
 *       loopback address nor one of {@link #allowedHosts()} is refused (this stops DNS rebinding). Listening beyond
 *       loopback, the same check applies when {@link #allowedHosts()} names any host.
 *   <li>With a {@link #token()}, the API ({@code /v1/...}) and {@code /metrics} require {@code Authorization: Bearer
 *       <token>} (a browser's WebSocket may carry it as the subprotocol {@code emojify-token.<token>} instead);
 *       {@code /health}, the live page and {@code /openapi.json} stay open.
 * </ul>
 *
 * <p>{@link EmojifyServer#start} refuses to listen beyond loopback without a token unless
 * {@link #openWithoutToken()} says so. {@link #toString()} never shows the token.
 *
 * @param token the shared secret, or null for none: at least 16 characters of {@code A-Z a-z 0-9 - _ . ~}
 * @param openWithoutToken whether the server may listen beyond loopback without a token (anyone who reaches the port
 *     may use it)
 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may call the server besides its own;
 *     {@code *} allows every origin
 * @param allowedHosts names accepted in the {@code Host} header besides {@code localhost} and loopback addresses (the
 *     name a reverse proxy passes on); listening beyond loopback, giving any makes the {@code Host} check apply there too
 */
public record AccessSettings(String token, boolean openWithoutToken, List<String> allowedOrigins,
        List<String> allowedHosts) {

    /** No token, no origin or host but the server's own: right for a server on loopback. */
    public static final AccessSettings LOCAL = new AccessSettings(null, false, List.of(), List.of());

    /** A token's characters: they travel in a URL fragment and a WebSocket subprotocol. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");

    /**
     * Checks and normalises the values (origins to lower-case {@code scheme://host[:port]}, hosts to lower case).
     *
     * @param token the shared secret, or null for none: at least 16 characters of {@code A-Z a-z 0-9 - _ . ~}
     * @param openWithoutToken whether the server may listen beyond loopback without a token
     * @param allowedOrigins origins whose pages may call the server besides its own; {@code *} allows every origin
     * @param allowedHosts names accepted in the {@code Host} header besides {@code localhost} and loopback addresses
     * @throws IllegalArgumentException naming the value that is wrong (never showing the token)
     */
    public AccessSettings {
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("the token must be at least 16 characters of A-Z, a-z, 0-9, '-', '_', "
                    + "'.' and '~' (it travels in a URL fragment and a WebSocket subprotocol); the one given has "
                    + token.length() + " characters" + (token.length() >= 16 ? ", some of them not allowed" : ""));
        }
        if (token != null && openWithoutToken) {
            throw new IllegalArgumentException("a token was given and so was opening the server without one: choose one");
        }
        List<String> origins = new ArrayList<>();
        for (String o : Objects.requireNonNull(allowedOrigins, "allowedOrigins")) {
            origins.add(origin(o));
        }
        allowedOrigins = List.copyOf(origins);
        List<String> hosts = new ArrayList<>();
        for (String h : Objects.requireNonNull(allowedHosts, "allowedHosts")) {
            if (h == null || !HOST_NAME.matcher(h).matches()) {
                throw new IllegalArgumentException("allowed host '" + h + "' is not a host name like "
                        + "emojify.example.com");
            }
            hosts.add(h.toLowerCase(Locale.ROOT));
        }
        allowedHosts = List.copyOf(hosts);
    }

    /**
     * @param origin an origin as given
     * @return it as {@code scheme://host[:port]} in lower case (a default port left out), or {@code *}
     */
    private static String origin(String origin) {
        if ("*".equals(origin)) {
            return origin;
        }
        String wrong = "allowed origin '" + origin + "' is not an origin like https://emojify.example.com or "
                + "http://localhost:3000 (scheme, host and port only), nor *";
        if (origin == null) {
            throw new IllegalArgumentException(wrong);
        }
        String trimmed = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath()
                    .isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(wrong);
            }
            return Admission.origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(wrong);
        }
    }

    /**
     * @param newToken the shared secret
     * @return a copy that requires it
     */
    public AccessSettings withToken(String newToken) {
        return new AccessSettings(Objects.requireNonNull(newToken, "token"), false, allowedOrigins, allowedHosts);
    }

    /**
     * @return a copy without a token that may listen beyond loopback: anyone who reaches the port may use the server
     */
    public AccessSettings withOpenWithoutToken() {
        return new AccessSettings(null, true, allowedOrigins, allowedHosts);
    }

    /**
     * @param origins origins ({@code scheme://host[:port]}, or {@code *}) whose pages may call the server
     * @return a copy that admits them besides the server's own
     */
    public AccessSettings withAllowedOrigins(List<String> origins) {
        return new AccessSettings(token, openWithoutToken, origins, allowedHosts);
    }

    /**
     * @param hosts names accepted in the {@code Host} header (on loopback; or anywhere, once any is given)
     * @return a copy that admits them besides {@code localhost} and loopback addresses
     */
    public AccessSettings withAllowedHosts(List<String> hosts) {
        return new AccessSettings(token, openWithoutToken, allowedOrigins, hosts);
    }

    /**
     * Makes a new random token: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters).
     *
     * @return the token
     */
    public static String generateToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the settings with the token, if any, shown as {@code ***} */
    @Override
    public String toString() {
        return "AccessSettings[token=" + (token == null ? "none" : "***") + ", openWithoutToken=" + openWithoutToken
                + ", allowedOrigins=" + allowedOrigins + ", allowedHosts=" + allowedHosts + "]";
    }
}
