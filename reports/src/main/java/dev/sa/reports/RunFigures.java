package dev.sa.reports;

import dev.sa.support.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The images the app drew into each run's figures/ folder: copied beside the report unchanged
 * (report.md links them), and embedded in report.html as JPEG, which holds these photo-like face
 * crops at a fifth of the PNG's size. Label trails (paper Fig. 4) are main figures; example faces
 * and heatmaps go to the appendix.
 */
final class RunFigures {

    /** JPEG quality of the label trails (main figures, with small text) and of the appendix images. */
    static final float JPEG_QUALITY = 0.78f;
    static final float APPENDIX_QUALITY = 0.7f;
    /** Example faces and heatmaps (appendix) are embedded at this share of their width. */
    static final double APPENDIX_SCALE = 0.5;

    private RunFigures() {}

    static List<ReportPages.PageFigure> copy(List<RunData> runs, Path outDir, List<Path> files) {
        List<ReportPages.PageFigure> out = new ArrayList<>();
        boolean multiRun = runs.size() > 1;
        for (RunData run : runs) {
            Path source = run.dir().resolve(RunLoader.FIGURES);
            for (Path png : run.figures()) {
                String inner = source.relativize(png).toString().replace('\\', '/');
                String rel = "figures/" + (multiRun ? Formats.slug(run.label()) + "/" : "") + inner;
                Path target = outDir.resolve(rel);
                if (!sameFile(png, target)) {
                    files.add(AtomicFiles.writeUnchecked(target, ReportPages.read(png)));
                }
                Path jpeg = outDir.resolve("figures-embedded").resolve(rel.substring("figures/".length())
                        .replaceFirst("(?i)\\.png$", ".jpg"));
                String stem = png.getFileName().toString().replaceFirst("(?i)\\.png$", "");
                boolean trail = stem.endsWith("label-trail");
                files.add(AtomicFiles.writeUnchecked(jpeg, jpeg(png, trail ? 1.0 : APPENDIX_SCALE, trail ? JPEG_QUALITY : APPENDIX_QUALITY)));
                out.add(new ReportPages.PageFigure(trail ? Sections.LABEL_MOVEMENT : Sections.RUN_FIGURES,
                        (multiRun ? run.label() + ": " : "") + caption(run, stem)
                                + (trail ? "" : " Shown at half size; full size in " + rel + " beside this page."), rel, jpeg));
            }
        }
        return out;
    }

    /** "HGs+SA: example test faces ..." from a stem such as {@code hgs-sa-faces}. */
    static String caption(RunData run, String stem) {
        String who = run.metrics().stream().map(RunData.Metric::variant).distinct()
                .filter(v -> stem.startsWith(Formats.slug(v) + "-"))
                .max((a, b) -> Integer.compare(Formats.slug(a).length(), Formats.slug(b).length()))
                .orElse("");
        String kind = who.isEmpty() ? stem : stem.substring(Formats.slug(who).length() + 1);
        String what = switch (kind) {
            case "faces" -> "example faces of the training and test subsets with the annotated, true and predicted"
                    + " points (drawn by the app).";
            case "heatmaps" -> "predicted heatmaps of a strong and a weak landmark on example faces (drawn by the app).";
            case "label-trail" -> "how the training labels of a few weak points moved over the SA epochs, against the"
                    + " annotation and the true point (as paper Fig. 4; drawn by the app).";
            default -> Words.plain(kind.replace('-', ' ')) + " (drawn by the app).";
        };
        return (who.isEmpty() ? "" : who + ": ") + what;
    }

    /** The image as JPEG (on white: JPEG has no alpha), scaled by {@code scale}. */
    static byte[] jpeg(Path png, double scale, float quality) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new IllegalArgumentException(png + ": not a readable PNG; the figures/ folder of a run holds PNG images");
            }
            int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
            g.dispose();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
