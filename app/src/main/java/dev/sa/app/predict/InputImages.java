package dev.sa.app.predict;

import dev.sa.api.SaException;
import dev.sa.support.ImageFiles;
import dev.sa.support.MalformedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The images {@code sa predict} reads: files named on the command line, or the images of named folders. */
public final class InputImages {
  /** File name endings of the images read (through {@code javax.imageio}). */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");
  /** Video endings, refused with a hint to extract frames. */
  public static final Set<String> VIDEO_EXTENSIONS = Set.of("avi", "mp4", "mov", "mkv", "webm", "m4v", "mpg",
      "mpeg", "wmv");

  /**
   * One input image.
   *
   * @param path the file, as given (or the folder as given, resolved with the file name)
   * @param width width in pixels, from the image header
   * @param height height in pixels
   */
  public record Image(Path path, int width, int height) {
    /** The file name, which {@code --boxes} rows are matched on. */
    public String fileName() {
      return path.getFileName().toString();
    }

    /** The file name without its extension. */
    public String stem() {
      String n = fileName();
      int dot = n.lastIndexOf('.');
      return dot > 0 ? n.substring(0, dot) : n;
    }
  }

  private InputImages() {}

  /**
   * Lists the images of {@code paths} in order (folders: their images sorted by name), checking each
   * header. A file that is not a readable image adds one line to {@code problems} and is left out;
   * a path that does not exist, or holds no image file at all, is invalid input.
   */
  public static List<Image> collect(List<Path> paths, List<String> problems) {
    List<Image> out = new ArrayList<>();
    int candidates = 0;
    for (Path p : paths) {
      String ext = extension(p);
      if (VIDEO_EXTENSIONS.contains(ext)) {
        throw SaException.invalidInput(p + ": video is not supported by 'sa predict'; extract its frames to a folder"
            + " first (e.g. ffmpeg -i " + p + " frames/%06d.png) and pass the folder");
      }
      if (Files.isDirectory(p)) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> Files.isRegularFile(f) && IMAGE_EXTENSIONS.contains(extension(f))).forEach(files::add);
        } catch (IOException e) {
          throw SaException.invalidInput(p + ": cannot list folder: " + e.getMessage());
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path f : files) {
          candidates++;
          add(f, out, problems);
        }
      } else if (Files.isRegularFile(p)) {
        if (!IMAGE_EXTENSIONS.contains(ext)) {
          throw SaException.invalidInput(p + ": not an image sa predict reads; expected one of " + sorted()
              + " or a folder of them");
        }
        candidates++;
        add(p, out, problems);
      } else {
        throw SaException.invalidInput(p + ": no such image file or folder");
      }
    }
    if (candidates == 0) {
      throw SaException.invalidInput("no images found in " + paths + " (looked for " + sorted()
          + " files, not in sub-folders)");
    }
    return out;
  }

  private static void add(Path file, List<Image> out, List<String> problems) {
    try {
      out.add(open(file));
    } catch (SaException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * Reads the header of {@code file} and checks that the file is complete and small enough to
   * decode ({@link ImageFiles#readDecodableSize}): its size, or an invalid-input error naming the
   * file and what is wrong.
   */
  static Image open(Path file) {
    try {
      ImageFiles.Size size = ImageFiles.readDecodableSize(file);
      return new Image(file, size.width(), size.height());
    } catch (MalformedFileException e) {
      throw SaException.invalidInput(file + ": " + e.getMessage());
    }
  }

  static String extension(Path p) {
    Path name = p.getFileName();
    if (name == null) {
      return "";
    }
    String n = name.toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static List<String> sorted() {
    return List.of("png", "jpg", "jpeg", "bmp");
  }
}
