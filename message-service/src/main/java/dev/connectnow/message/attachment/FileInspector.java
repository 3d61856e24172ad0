package dev.connectnow.message.attachment;

import dev.connectnow.chassis.web.ApiException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides what an uploaded file is from its bytes (never from its name or the client's Content-Type), and for
 * images reads the dimensions from the header and makes a thumbnail.
 *
 * <p>Decompression bombs: the pixel count comes from the header ({@link ImageReader#getWidth}) before anything
 * is decoded, and an image over the limit is refused there. A thumbnail is decoded with source subsampling,
 * so the decoded raster is about twice the thumbnail's size whatever the image's; decodes run one or two at a
 * time, bounding the memory they can take together.
 */
@Component
public class FileInspector {

    private static final Logger log = LoggerFactory.getLogger(FileInspector.class);

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();
    private final AttachmentProperties properties;
    private final Semaphore decoders =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    public FileInspector(AttachmentProperties properties) {
        this.properties = properties;
    }

    /** The MIME type the bytes say (magic numbers; text if they look like text), without parameters. */
    public String detect(Path file) throws IOException {
        try (InputStream in = TikaInputStream.get(Files.newInputStream(file))) {
            return detector.detect(in, new Metadata()).getBaseType().toString();
        }
    }

    /** Width, height and a thumbnail of an image (null thumbnail when it cannot be drawn). */
    public record ImageFacts(int width, int height, byte[] thumbnail, String thumbnailType) {}

    /**
     * The facts of an image file; empty when no decoder here reads its format (its dimensions stay unknown and
     * it gets no thumbnail). A header that cannot be read, or too many pixels, is the client's error (400).
     */
    public Optional<ImageFacts> inspectImage(Path file) throws IOException {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw ApiException.invalidField("file", "is not a readable image");
                }
                if (width <= 0 || height <= 0) {
                    throw ApiException.invalidField("file", "is not a readable image");
                }
                if ((long) width * height > properties.maxImagePixels()) {
                    throw ApiException.invalidField(
                            "file",
                            "is a " + width + "×" + height + " image; at most " + properties.maxImagePixels()
                                    + " pixels are accepted");
                }
                return Optional.of(thumbnail(reader, width, height));
            } finally {
                reader.dispose();
            }
        }
    }

    private ImageFacts thumbnail(ImageReader reader, int width, int height) {
        int target = properties.thumbnailSize();
        try {
            decoders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ImageFacts(width, height, null, null);
        }
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            int subsampling = Math.max(1, Math.max(width, height) / (2 * target));
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            double scale = Math.min(1.0, (double) target / Math.max(decoded.getWidth(), decoded.getHeight()));
            int w = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
            boolean alpha = decoded.getColorModel().hasAlpha();
            BufferedImage scaled =
                    new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(decoded, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String format = alpha ? "png" : "jpg";
            if (!ImageIO.write(scaled, format, out)) {
                return new ImageFacts(width, height, null, null);
            }
            return new ImageFacts(width, height, out.toByteArray(), alpha ? "image/png" : "image/jpeg");
        } catch (IOException | RuntimeException e) {
            // e.g. a CMYK JPEG or a truncated file: the upload stands, without a thumbnail
            log.info("No thumbnail for an image: {}", e.getClass().getSimpleName());
            return new ImageFacts(width, height, null, null);
        } finally {
            decoders.release();
        }
    }
}
