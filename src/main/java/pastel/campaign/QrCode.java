package pastel.campaign;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/// A QR code for print (ZXing): the modules of one link, as SVG (vector, any size) or PNG, black
/// on white with the 4-module quiet zone scanners need. Error correction Q (25 %) survives a
/// scratched or partly covered poster.
final class QrCode {
    static final int QUIET = 4;

    private final BitMatrix modules;

    private QrCode(BitMatrix modules) {
        this.modules = modules;
    }

    static QrCode of(String text) {
        try {
            // Size 0 and margin 0: ZXing returns one bit per module; scaling and the quiet zone are ours.
            return new QrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 0,
                    EncodeHintType.CHARACTER_SET, "UTF-8")));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + text, e);
        }
    }

    /// Modules per side, quiet zone included.
    int side() {
        return modules.getWidth() + 2 * QUIET;
    }

    /// One path of horizontal runs in a square view box of [#side] units.
    String svg(String title) {
        var path = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (!modules.get(x, y)) continue;
                int run = 1;
                while (x + run < modules.getWidth() && modules.get(x + run, y)) run++;
                path.append('M').append(x + QUIET).append(' ').append(y + QUIET).append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        int side = side();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%dmm" height="%dmm" shape-rendering="crispEdges" role="img">
                <title>%s</title>
                <rect width="%d" height="%d" fill="#fff"/>
                <path fill="#000" d="%s"/>
                </svg>
                """.formatted(side, side, side * 2, side * 2, title, side, side, path);
    }

    /// A PNG at least `pixels` wide: whole pixels per module, so every edge stays sharp.
    byte[] png(int pixels) {
        int scale = Math.max(1, (pixels + side() - 1) / side());
        int size = side() * scale;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(java.awt.Color.BLACK);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) g.fillRect((x + QUIET) * scale, (y + QUIET) * scale, scale, scale);
            }
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
