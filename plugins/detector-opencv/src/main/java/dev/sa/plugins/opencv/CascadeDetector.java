package dev.sa.plugins.opencv;

import dev.sa.api.DetectedFace;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetector;
import dev.sa.api.SaException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * One OpenCV {@link CascadeClassifier} and its settings. {@code detectMultiScale2} on the gray
 * (optionally equalised, optionally enlarged) image; the score of a face is the number of raw
 * detections merged into it. Not thread-safe: one instance per thread.
 */
final class CascadeDetector implements FaceDetector {
  /** Where the cascades lie inside org.bytedeco:opencv's linux-x86_64 jar (shaded into the plugin). */
  static final String RESOURCE_DIR = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";

  private final OpenCvOptions options;
  private final CascadeClassifier classifier;

  CascadeDetector(OpenCvOptions options) {
    this.options = options;
    this.classifier = load(options.cascade());
  }

  /** The classifier of a shipped cascade name, or of an {@code .xml} file path. */
  static CascadeClassifier load(String cascade) {
    if (!OpenCvOptions.CASCADES.contains(cascade)) {
      Path file = Path.of(cascade);
      if (!Files.isRegularFile(file)) {
        throw SaException.invalidInput("detector opencv: options.cascade: " + cascade + ": no such file");
      }
      return checked(new CascadeClassifier(file.toAbsolutePath().toString()), cascade);
    }
    String dir = cascade.startsWith("lbp") ? "lbpcascades/" : "haarcascades/";
    String resource = RESOURCE_DIR + dir + cascade + ".xml";
    Path tmp = null;
    try (InputStream in = CascadeDetector.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw SaException.pluginError("detector opencv: cascade " + resource + " is missing from the plugin jar");
      }
      // CascadeClassifier reads a file: copy the resource out, load it, delete the copy.
      tmp = Files.createTempFile("sa-" + cascade, ".xml");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return checked(new CascadeClassifier(tmp.toString()), cascade);
    } catch (IOException e) {
      throw SaException.runtime("detector opencv: cannot unpack cascade " + cascade + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private static CascadeClassifier checked(CascadeClassifier c, String cascade) {
    if (c.empty()) {
      c.close();
      throw SaException.invalidInput("detector opencv: options.cascade: " + cascade + " is not a readable OpenCV"
          + " cascade");
    }
    return c;
  }

  @Override
  public List<DetectedFace> detect(BufferedImage image) {
    int s = options.upsample();
    BufferedImage gray = gray(image, s);
    int w = gray.getWidth();
    int h = gray.getHeight();
    byte[] bytes = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    List<DetectedFace> out = new ArrayList<>();
    try (Mat mat = new Mat(h, w, opencv_core.CV_8UC1);
        RectVector rects = new RectVector();
        IntPointer counts = new IntPointer();
        Size min = new Size(options.minFaceSize() * s, options.minFaceSize() * s);
        Size max = new Size(options.maxFaceSize() * s, options.maxFaceSize() * s)) {
      mat.data().put(bytes, 0, bytes.length);
      if (options.equalize()) {
        opencv_imgproc.equalizeHist(mat, mat);
      }
      classifier.detectMultiScale2(mat, rects, counts, options.scaleFactor(), options.minNeighbors(), 0, min, max);
      for (int i = 0; i < rects.size(); i++) {
        Rect r = rects.get(i);
        // Rect edges x..x+w in the enlarged image; our pixel centres sit at integers, edges at -0.5.
        FaceBox box = new FaceBox((double) r.x() / s - 0.5, (double) r.y() / s - 0.5,
            (double) (r.x() + r.width()) / s - 0.5, (double) (r.y() + r.height()) / s - 0.5);
        int score = i < counts.limit() ? counts.get(i) : 0;
        out.add(new DetectedFace(box, score));
      }
    }
    out.sort(Comparator.comparingDouble(DetectedFace::score).reversed()
        .thenComparing(f -> -f.box().width() * f.box().height()));
    return out;
  }

  /** The image as 8-bit gray, enlarged by {@code factor} with bilinear interpolation. */
  static BufferedImage gray(BufferedImage image, int factor) {
    int w = image.getWidth() * factor;
    int h = image.getHeight() * factor;
    BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return gray;
  }

  @Override
  public void close() {
    classifier.close();
  }
}
