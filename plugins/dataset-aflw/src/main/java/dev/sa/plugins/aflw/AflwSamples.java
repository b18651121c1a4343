package dev.sa.plugins.aflw;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Visibility;
import dev.sa.support.Annotations;
import dev.sa.support.DataPaths;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks shared by the .mat and CSV forms: the image header (read once per file, AFLW has several
 * faces per image), and visible points far outside the image.
 */
final class AflwSamples {
  private static final LandmarkScheme SCHEME = AflwScheme.aflw19();

  private final Path root;
  private final Path imagesDir;
  private final Map<Path, Object> sizes = new ConcurrentHashMap<>();

  AflwSamples(Path root, AflwOptions options) {
    this.root = root;
    this.imagesDir = root.resolve(options.imagesDir());
  }

  /**
   * {@code imagesDir/name}, or {@code root/name} when only that exists (CSV names may include the
   * folder); refused (exit 2) when the name leads out of the images folder.
   *
   * @param where the file and line that named the image
   */
  Path image(String name, String where) {
    Path under = DataPaths.under(imagesDir, name, where);
    Path base = root.toAbsolutePath().normalize();
    Path direct = base.resolve(name).normalize();
    return !Files.exists(under) && direct.startsWith(base) && Files.exists(direct) ? direct : under;
  }

  /**
   * Builds a sample after checking its image and points.
   *
   * @param file the annotation file, and {@code line} the row in it, for problems
   */
  FaceSample sample(String id, Path image, FaceBox box, Landmarks inImage, Visibility visible, String file, int line)
      throws MalformedFileException {
    ImageFiles.Size size = size(image, file, line);
    int far = firstFarOutsideVisible(inImage, visible, size);
    if (far >= 0) {
      throw new MalformedFileException(file, line, ImageFiles.farOutsideMessage(inImage, far, size));
    }
    Annotations.requireSize(SCHEME, inImage, box, file, line);
    return new FaceSample(id, ImageFiles.lazy(image), box, inImage, visible, Optional.empty(), Optional.empty(),
        file + ":" + line);
  }

  /** Invisible AFLW points may sit anywhere (they were guessed), so only visible ones are checked. */
  private static int firstFarOutsideVisible(Landmarks inImage, Visibility visible, ImageFiles.Size size) {
    float[] all = inImage.toArray();
    float[] onlyVisible = new float[all.length];
    int[] index = new int[inImage.count()];
    int n = 0;
    for (int p = 0; p < inImage.count(); p++) {
      if (visible.isVisible(p)) {
        onlyVisible[2 * n] = all[2 * p];
        onlyVisible[2 * n + 1] = all[2 * p + 1];
        index[n++] = p;
      }
    }
    int far = ImageFiles.firstFarOutside(Landmarks.of(java.util.Arrays.copyOf(onlyVisible, 2 * n)), size);
    return far < 0 ? -1 : index[far];
  }

  private ImageFiles.Size size(Path image, String file, int line) throws MalformedFileException {
    Object cached = sizes.computeIfAbsent(image, p -> {
      try {
        return ImageFiles.readSize(p);
      } catch (MalformedFileException e) {
        return e.getMessage();
      }
    });
    if (cached instanceof ImageFiles.Size s) {
      return s;
    }
    throw new MalformedFileException(file, line, image + ": " + cached);
  }

  /** Relative name without extension, forward slashes. */
  static String stem(String name) {
    String n = name.replace('\\', '/');
    int dot = n.lastIndexOf('.');
    return dot > n.lastIndexOf('/') ? n.substring(0, dot) : n;
  }
}
