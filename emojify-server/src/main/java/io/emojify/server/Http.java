package io.emojify.server;

import io.emojify.render.RenderMode;
import io.javalin.http.Context;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The HTTP side of the API: reading an upload within its limits, the query and {@code Accept} headers, encoding. */
final class Http {

    /** The media types of the images the API returns. */
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    private Http() {}

    /**
     * Reads a request's body: an image sent as its raw bytes. Refuses a type that is not an image (415), a declared or
     * actual length over the limit (413, before reading it when declared), an empty body (400) and a body that ends before
     * its declared length (400: the upload was cut off).
     *
     * @param ctx the request
     * @param maxBytes the largest body accepted
     * @return the bytes
     */
    static byte[] readImageBody(Context ctx, long maxBytes) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.isEmpty() && !base.startsWith("image/") && !base.equals("application/octet-stream")) {
            throw new ApiException(415, "Content-Type " + base + " is not an image: send the image's bytes as the body "
                    + "with its type, e.g. image/jpeg or image/png (curl: -H 'Content-Type: image/jpeg' "
                    + "--data-binary @photo.jpg), not a form");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ApiException(413, "the body is " + declared + " bytes, over the limit of " + maxBytes + " bytes");
        }
        if (declared == 0) {
            throw new ApiException(400, "empty body: send the image's bytes as the body");
        }
        byte[] buf = new byte[(int) (declared > 0 ? declared : Math.min(maxBytes + 1, 1 << 16))];
        int n = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            while (true) {
                if (n == buf.length) {
                    if (declared > 0 || n > maxBytes) {
                        break;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1, 2L * buf.length));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new ApiException(400, "the upload was cut off after " + n + (declared > 0 ? " of " + declared : "")
                    + " bytes (" + e.getClass().getSimpleName() + ")");
        }
        if (n > maxBytes) {
            throw new ApiException(413, "the body is over the limit of " + maxBytes + " bytes");
        }
        if (declared > 0 && n < declared) {
            throw new ApiException(400, "the upload was cut off after " + n + " of " + declared + " bytes");
        }
        if (n == 0) {
            throw new ApiException(400, "empty body: send the image's bytes as the body");
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * The {@code mode} query parameter.
     *
     * @param value the parameter, or null for the default (replace)
     * @return the mode
     */
    static RenderMode mode(String value) {
        if (value == null || value.isBlank()) {
            return RenderMode.REPLACE;
        }
        try {
            return RenderMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "unknown mode '" + value + "'; use replace, badge or boxes");
        }
    }

    /**
     * Chooses the returned image's type from an {@code Accept} header: the one of PNG and JPEG with the higher quality
     * value (on a tie, the one listed first); PNG for {@code image/*}, {@code * / *} or no header.
     *
     * @param accept the header, or null
     * @return {@link #PNG} or {@link #JPEG}
     */
    static String imageType(String accept) {
        if (accept == null || accept.isBlank()) {
            return PNG;
        }
        String best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String type = switch (media) {
                case PNG, "image/*", "*/*" -> PNG;
                case JPEG, "image/jpg" -> JPEG;
                default -> null;
            };
            if (type != null && q > bestQ) {
                best = type;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new ApiException(406, "Accept '" + accept + "' allows neither image/png nor image/jpeg");
        }
        return best;
    }

    /**
     * Whether an {@code Accept} header asks for JSON rather than the Prometheus text format (which scrapers ask for with
     * {@code text/plain} or {@code application/openmetrics-text}, or take by default).
     *
     * @param accept the header, or null
     * @return true when it names {@code application/json} and neither of the text formats
     */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") && !a.contains("text/plain") && !a.contains("openmetrics");
    }

    /**
     * Encodes an image.
     *
     * @param image the image
     * @param type {@link #PNG} or {@link #JPEG} (JPEG has no alpha: transparent parts become white)
     * @return the encoded bytes
     */
    static byte[] encode(BufferedImage image, String type) {
        BufferedImage out = image;
        if (JPEG.equals(type) && image.getColorModel().hasAlpha()) {
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(out, JPEG.equals(type) ? "jpeg" : "png", bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
