package io.emojify.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A few requests of the X11 protocol, spoken over the display's Unix socket, for tests that drive a window on a virtual
 * display (Xvfb): find a top-level window by its title, read the title, take a screenshot of a window, and ask the window
 * to close as a window manager does (a {@code WM_DELETE_WINDOW} client message). No X tools beyond Xvfb are needed.
 */
final class X11 implements AutoCloseable {

    /** A virtual display: an Xvfb server on a display number it chose itself. */
    static final class Xvfb implements AutoCloseable {
        private final Process process;
        private final int display;

        private Xvfb(Process process, int display) {
            this.process = process;
            this.display = display;
        }

        /**
         * Starts Xvfb with one 1024x768 24-bit screen, or skips the calling test when Xvfb is not installed.
         *
         * @return the running server; close it to stop it
         */
        static Xvfb startOrSkip() throws Exception {
            Optional<Path> xvfb = onPath("Xvfb");
            assumeTrue(xvfb.isPresent(), "Skipped: Xvfb is not installed (on Debian: apt-get install -y xvfb; .ci/run "
                    + "installs it when it runs as root)");
            // -displayfd 1: Xvfb picks a free display number and writes it on its standard output once it is ready
            Process p = new ProcessBuilder(xvfb.get().toString(), "-displayfd", "1", "-screen", "0", "1024x768x24",
                    "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String number;
            try {
                number = line.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                number = null;
            }
            if (number == null || !number.strip().matches("\\d+")) {
                p.destroyForcibly();
                throw new IOException("Xvfb did not start (it gave no display number)");
            }
            return new Xvfb(p, Integer.parseInt(number.strip()));
        }

        /** @return the value for the DISPLAY variable, such as {@code :3} */
        String display() {
            return ":" + display;
        }

        /** @return a connection to the display */
        X11 connect() throws IOException {
            return new X11(display);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static final int MAP_STATE_VIEWABLE = 2;

    private final SocketChannel channel;
    private final int root;
    private final int wmProtocols;
    private final int wmDeleteWindow;
    private final int wmName;
    private final int netWmName;

    private X11(int display) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of("/tmp/.X11-unix/X" + display));
        // connection setup: little-endian, protocol 11.0, no authorisation
        ByteBuffer setup = buffer(12).put((byte) 'l').put((byte) 0).putShort((short) 11).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        write(setup);
        ByteBuffer head = read(8);
        int status = head.get(0);
        ByteBuffer rest = read(Short.toUnsignedInt(head.getShort(6)) * 4);
        if (status != 1) {
            byte[] reason = new byte[Math.min(head.get(1) & 0xff, rest.remaining())];
            rest.get(reason);
            throw new IOException("The X server refused the connection: " + new String(reason, StandardCharsets.US_ASCII));
        }
        // rest starts at byte 8 of the reply: vendor length at 24, formats count at 29, image byte order at 30
        int vendorLength = Short.toUnsignedInt(rest.getShort(24 - 8));
        int formats = rest.get(29 - 8) & 0xff;
        if (rest.get(30 - 8) != 0) {
            throw new IOException("This X server sends images most significant byte first; only LSB first is read here");
        }
        int screen = 40 - 8 + pad(vendorLength) + 8 * formats;
        root = rest.getInt(screen);
        int rootDepth = rest.get(screen + 38) & 0xff;
        if (rootDepth != 24) {
            throw new IOException("The screen is " + rootDepth + " bits deep; start Xvfb with a 24-bit screen");
        }
        wmProtocols = atom("WM_PROTOCOLS");
        wmDeleteWindow = atom("WM_DELETE_WINDOW");
        wmName = atom("WM_NAME");
        netWmName = atom("_NET_WM_NAME");
    }

    /**
     * The first viewable top-level window whose title starts with a prefix.
     *
     * @param titlePrefix the start of the title
     * @return the window, if one is shown
     */
    Optional<Integer> findWindow(String titlePrefix) throws IOException {
        for (int w : children(root)) {
            if (viewable(w) && title(w).startsWith(titlePrefix)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * A window's title ({@code _NET_WM_NAME}, else {@code WM_NAME}).
     *
     * @param window the window
     * @return the title, empty if it has none
     */
    String title(int window) throws IOException {
        byte[] utf8 = property(window, netWmName);
        if (utf8.length > 0) {
            return new String(utf8, StandardCharsets.UTF_8);
        }
        return new String(property(window, wmName), StandardCharsets.ISO_8859_1);
    }

    /**
     * Where a window of a given size is on the screen: the window itself or its deepest viewable descendant of exactly
     * that size (the area a picture is drawn in, inside a frame).
     *
     * @param window the top-level window
     * @param width the width sought
     * @param height the height sought
     * @return its rectangle in screen coordinates, if there is one
     */
    Optional<Rectangle> areaOfSize(int window, int width, int height) throws IOException {
        Optional<Rectangle> found = Optional.empty();
        List<Integer> todo = new ArrayList<>(List.of(window));
        while (!todo.isEmpty()) {
            int w = todo.remove(0);
            if (!viewable(w)) {
                continue;
            }
            ByteBuffer g = request(14, 0, buffer(4).putInt(w));
            if (Short.toUnsignedInt(g.getShort(16)) == width && Short.toUnsignedInt(g.getShort(18)) == height) {
                ByteBuffer t = request(40, 0, buffer(12).putInt(w).putInt(root).putShort((short) 0).putShort((short) 0));
                found = Optional.of(new Rectangle(t.getShort(12), t.getShort(14), width, height));
            }
            todo.addAll(children(w));
        }
        return found;
    }

    /**
     * A screenshot of an area of the screen (what is shown there, as the screen shows it).
     *
     * @param area the area, in screen coordinates
     * @return its pixels
     */
    BufferedImage screenshot(Rectangle area) throws IOException {
        ByteBuffer r = request(73, 2, buffer(16).putInt(root).putShort((short) area.x).putShort((short) area.y)
                .putShort((short) area.width).putShort((short) area.height).putInt(0xFFFFFFFF));
        BufferedImage image = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
        // ZPixmap, 24-bit depth in 32-bit pixels, least significant byte first: B, G, R, unused
        for (int y = 0; y < area.height; y++) {
            for (int x = 0; x < area.width; x++) {
                image.setRGB(x, y, r.getInt(32 + (y * area.width + x) * 4) & 0xFFFFFF);
            }
        }
        return image;
    }

    /**
     * Asks a window to close, as a window manager does when its close button is pressed: a {@code WM_DELETE_WINDOW}
     * message of the {@code WM_PROTOCOLS} type.
     *
     * @param window the window
     */
    void requestClose(int window) throws IOException {
        ByteBuffer event = buffer(32).put((byte) 33).put((byte) 32).putShort((short) 0).putInt(window).putInt(wmProtocols)
                .putInt(wmDeleteWindow).putInt(0).putInt(0).putInt(0).putInt(0);
        event.flip();
        write(header(25, 0, 11).putInt(window).putInt(0).put(event));
        request(43, 0, buffer(0)); // a round trip (GetInputFocus), so that an error would be seen here
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private int atom(String name) throws IOException {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return request(16, 0, buffer(4 + pad(b.length)).putShort((short) b.length).putShort((short) 0).put(b)).getInt(8);
    }

    private List<Integer> children(int window) throws IOException {
        ByteBuffer r = request(15, 0, buffer(4).putInt(window));
        int n = Short.toUnsignedInt(r.getShort(16));
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(r.getInt(32 + 4 * i));
        }
        return list;
    }

    private boolean viewable(int window) throws IOException {
        return request(3, 0, buffer(4).putInt(window)).get(26) == MAP_STATE_VIEWABLE;
    }

    private byte[] property(int window, int property) throws IOException {
        ByteBuffer r = request(20, 0, buffer(20).putInt(window).putInt(property).putInt(0).putInt(0).putInt(1024));
        int format = r.get(1) & 0xff;
        byte[] value = new byte[r.getInt(16) * format / 8];
        r.position(32);
        r.get(value);
        return value;
    }

    /** Sends a request (opcode, its one-byte argument, a body of whole words) and reads its reply. */
    private ByteBuffer request(int opcode, int data, ByteBuffer body) throws IOException {
        body.clear(); // the whole body, however much of it was filled (the rest is padding)
        write(header(opcode, data, 1 + body.remaining() / 4).put(body));
        while (true) {
            ByteBuffer r = read(32);
            int kind = r.get(0);
            if (kind == 0) {
                throw new IOException("X error " + (r.get(1) & 0xff) + " for request " + (r.get(10) & 0xff));
            }
            if (kind == 1) {
                int extra = r.getInt(4) * 4;
                if (extra == 0) {
                    return r;
                }
                ByteBuffer all = buffer(32 + extra).put(r.rewind()).put(read(extra));
                return all.rewind();
            }
            // an event: none were asked for, but skip any
        }
    }

    private ByteBuffer header(int opcode, int data, int words) {
        ByteBuffer b = buffer(words * 4);
        return b.put((byte) opcode).put((byte) data).putShort((short) words);
    }

    private void write(ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = buffer(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("The X server closed the connection");
            }
        }
        return b.flip();
    }

    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
