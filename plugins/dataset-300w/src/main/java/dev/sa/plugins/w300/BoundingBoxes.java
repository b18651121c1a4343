package dev.sa.plugins.w300;

import dev.sa.api.FaceBox;
import dev.sa.support.MalformedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * The official 300W face boxes: one {@code bounding_boxes_<folder>.mat} per folder (e.g.
 * {@code bounding_boxes_helen_trainset.mat}), each holding {@code bounding_boxes}, a cell array of
 * structs with {@code imgName}, {@code bb_detector} and {@code bb_ground_truth}, boxes as
 * {@code [x1 y1 x2 y2]} in 1-based MATLAB pixels (shifted to 0-based here, like the .pts points).
 */
final class BoundingBoxes {
  /** The two official boxes of one image; either may be absent. */
  record Boxes(Optional<FaceBox> detector, Optional<FaceBox> groundTruth) {}

  private BoundingBoxes() {}

  /** File name of the box file of a data folder, e.g. {@code helen/testset -> bounding_boxes_helen_testset.mat}. */
  static String fileName(String folder) {
    return "bounding_boxes_" + folder.replace('/', '_') + ".mat";
  }

  /** Boxes by image file name, or an empty map when the file does not exist. */
  static Map<String, Boxes> read(Path file) throws MalformedFileException {
    Map<String, Boxes> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    String name = file.toString();
    try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
      Array root = mat.getNumEntries() == 0 ? null : variable(mat);
      if (root instanceof Cell cell) {
        for (int i = 0; i < cell.getNumElements(); i++) {
          Array element = cell.get(i);
          if (!(element instanceof Struct s)) {
            throw new MalformedFileException(name, 0, "bounding_boxes{" + (i + 1) + "} is not a struct");
          }
          add(out, s, 0, name, i);
        }
      } else if (root instanceof Struct s) {
        for (int i = 0; i < s.getNumElements(); i++) {
          add(out, s, i, name, i);
        }
      } else {
        throw new MalformedFileException(name, 0,
            "expected a variable 'bounding_boxes' holding a cell array of structs (imgName, bb_detector, bb_ground_truth)");
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(name, 0, "unreadable bounding-box file: " + e.getMessage());
    }
    return out;
  }

  private static Array variable(Mat5File mat) {
    for (var entry : mat.getEntries()) {
      if (entry.getName().equals("bounding_boxes")) {
        return entry.getValue();
      }
    }
    return mat.getEntries().iterator().next().getValue();
  }

  private static void add(Map<String, Boxes> out, Struct s, int index, String file, int element)
      throws MalformedFileException {
    if (!s.getFieldNames().contains("imgName")) {
      throw new MalformedFileException(file, 0, "bounding_boxes{" + (element + 1) + "} has no field imgName");
    }
    Array img = s.get("imgName", index);
    if (!(img instanceof Char c)) {
      throw new MalformedFileException(file, 0, "bounding_boxes{" + (element + 1) + "}.imgName is not a string");
    }
    out.put(c.getString().strip(), new Boxes(box(s, "bb_detector", index), box(s, "bb_ground_truth", index)));
  }

  /** A 1-based {@code [x1 y1 x2 y2]} box as 0-based, or empty when missing or degenerate. */
  private static Optional<FaceBox> box(Struct s, String field, int index) {
    if (!s.getFieldNames().contains(field) || !(s.get(field, index) instanceof Matrix m) || m.getNumElements() != 4) {
      return Optional.empty();
    }
    double x1 = m.getDouble(0) - 1;
    double y1 = m.getDouble(1) - 1;
    double x2 = m.getDouble(2) - 1;
    double y2 = m.getDouble(3) - 1;
    if (!(x2 > x1 && y2 > y1) || !Double.isFinite(x1 + y1 + x2 + y2)) {
      return Optional.empty();
    }
    return Optional.of(new FaceBox(x1, y1, x2, y2));
  }
}
