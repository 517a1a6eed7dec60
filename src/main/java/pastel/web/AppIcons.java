package pastel.web;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/// The app's icons, drawn once at start-up (no binary in the repository): a lens (white ring and
/// dot) on Pastel's pink-to-violet gradient. The maskable one fills its square and keeps the lens
/// inside the 80 % safe zone; the others are rounded squares on transparency.
final class AppIcons {
    private AppIcons() {}

    static byte[] png(int size, boolean maskable) {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0xF7, 0x8F, 0xC8), size, size, new Color(0x6D, 0x3B, 0xD6)));
            if (maskable) g.fillRect(0, 0, size, size);
            else g.fill(new RoundRectangle2D.Double(0, 0, size, size, size * 0.45, size * 0.45));
            var lens = size * (maskable ? 0.36 : 0.46);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (size * 0.075)));
            g.draw(new Ellipse2D.Double((size - lens) / 2, (size - lens) / 2, lens, lens));
            var dot = lens * 0.34;
            g.fill(new Ellipse2D.Double((size - dot) / 2, (size - dot) / 2, dot, dot));
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
