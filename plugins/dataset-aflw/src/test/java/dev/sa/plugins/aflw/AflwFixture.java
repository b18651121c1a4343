package dev.sa.plugins.aflw;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/** Builds a small {@code AFLWinfo_release.mat} with mfl-core, in the official variable layout. */
final class AflwFixture {
  record Face(String name, double[] xy, boolean[] visible, double[] bboxX1X2Y1Y2) {}

  final List<Face> faces = new ArrayList<>();
  int[] ra;
  String skip;

  /** 19 points in a 64 x 64 image, interleaved x0, y0, ...; shifted by {@code d}. */
  static double[] points(double d) {
    double[] xy = new double[38];
    for (int p = 0; p < 19; p++) {
      xy[2 * p] = 12 + 2 * p + d;
      xy[2 * p + 1] = 20 + p + d;
    }
    return xy;
  }

  static boolean[] allVisible() {
    boolean[] v = new boolean[19];
    java.util.Arrays.fill(v, true);
    return v;
  }

  AflwFixture face(String name, double[] xy, boolean[] visible) {
    faces.add(new Face(name, xy, visible, new double[] {10, 50, 12, 56}));
    return this;
  }

  static void image(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpg", file.toFile());
  }

  void write(Path file) throws IOException {
    int n = faces.size();
    Cell names = Mat5.newCell(n, 1);
    Matrix data = Mat5.newMatrix(n, 38);
    Matrix mask = Mat5.newMatrix(n, 19);
    Matrix bbox = Mat5.newMatrix(n, 4);
    for (int r = 0; r < n; r++) {
      Face f = faces.get(r);
      names.set(r, Mat5.newString(f.name()));
      for (int p = 0; p < 19; p++) {
        data.setDouble(r, p, f.xy()[2 * p]);
        data.setDouble(r, 19 + p, f.xy()[2 * p + 1]);
        mask.setDouble(r, p, f.visible()[p] ? 1 : 0);
      }
      for (int c = 0; c < 4; c++) {
        bbox.setDouble(r, c, f.bboxX1X2Y1Y2()[c]);
      }
    }
    Matrix perm = Mat5.newMatrix(1, ra.length);
    for (int i = 0; i < ra.length; i++) {
      perm.setDouble(i, ra[i]);
    }
    MatFile mat = Mat5.newMatFile();
    if (!"nameList".equals(skip)) {
      mat.addArray("nameList", names);
    }
    mat.addArray("data", data).addArray("mask_new", mask).addArray("bbox", bbox).addArray("ra", perm);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Mat5.writeToFile(mat, file.toFile());
  }
}
