package io.emojify.djl.emoji;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.FloatSize;
import com.github.weisj.jsvg.view.ViewBox;
import io.emojify.emoji.EmojiArt;
import io.emojify.emoji.EmojiException;
import io.emojify.emoji.SvgRasterizer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.MalformedURLException;
import java.nio.file.Path;

/**
 * Draws SVG emoji with JSVG, so that packs such as OpenMoji or Twemoji's SVG set are crisp at any size. Registered as the
 * {@link SvgRasterizer} service. The parsed document is drawn under a lock (JSVG documents are not documented as
 * thread-safe), which costs little next to the drawing.
 */
public final class JsvgRasterizer implements SvgRasterizer {

    /** Creates the rasterizer. */
    public JsvgRasterizer() {}

    @Override
    public EmojiArt load(Path svg) {
        SVGDocument doc;
        try {
            doc = new SVGLoader().load(svg.toUri().toURL());
        } catch (MalformedURLException | RuntimeException e) {
            throw new EmojiException("Cannot read SVG emoji " + svg + ": " + e, e);
        }
        if (doc == null) {
            throw new EmojiException("Cannot parse SVG emoji " + svg);
        }
        FloatSize natural = doc.size();
        if (!(natural.width > 0 && natural.height > 0)) {
            throw new EmojiException("SVG emoji " + svg + " has no size (" + natural.width + "x" + natural.height + ")");
        }
        return size -> {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                synchronized (doc) {
                    doc.render(null, g, new ViewBox(0, 0, size, size));
                }
            } finally {
                g.dispose();
            }
            return img;
        };
    }
}
