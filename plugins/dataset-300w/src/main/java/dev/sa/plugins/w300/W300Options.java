package dev.sa.plugins.w300;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the 300W data set ({@code options:} block of the data set entry).
 *
 * @param boxes where face boxes come from: {@code detector} (default; the official
 *     {@code bb_detector} boxes, else the landmarks), {@code ground_truth} (the official
 *     {@code bb_ground_truth} boxes, else the landmarks) or {@code landmarks}
 * @param boxScale enlargement of the tight landmark box when boxes come from the landmarks,
 *     default 1.2, valid 1.0..3.0
 * @param boundingBoxesDir folder of the official {@code bounding_boxes_*.mat} files, relative to
 *     the data root; default {@code Bounding Boxes}
 * @param csvSplits read these splits from CSV files (HRNet's form) instead of the folders, e.g.
 *     {@code {train: train.csv, common: common.csv}}; paths relative to the data root; default none
 */
public record W300Options(String boxes, Double boxScale, String boundingBoxesDir, Map<String, String> csvSplits) {
  /** Where a face box comes from. */
  public enum BoxSource { DETECTOR, GROUND_TRUTH, LANDMARKS }

  public W300Options {
    boxes = boxes == null ? "detector" : boxes;
    boxSource(boxes);
    boxScale = boxScale == null ? 1.2 : boxScale;
    if (!(boxScale >= 1.0 && boxScale <= 3.0)) {
      throw new IllegalArgumentException("boxScale must be in 1.0..3.0, got " + boxScale);
    }
    boundingBoxesDir = boundingBoxesDir == null ? "Bounding Boxes" : boundingBoxesDir;
    csvSplits = csvSplits == null ? Map.of() : new LinkedHashMap<>(csvSplits);
    for (Map.Entry<String, String> e : csvSplits.entrySet()) {
      if (!W300Layout.SPLITS.contains(e.getKey())) {
        throw new IllegalArgumentException("csvSplits: unknown split '" + e.getKey() + "'; valid: " + W300Layout.SPLITS);
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new IllegalArgumentException("csvSplits." + e.getKey() + " needs a CSV file path");
      }
    }
    csvSplits = java.util.Collections.unmodifiableMap(csvSplits);
  }

  /** All defaults. */
  public static W300Options defaults() {
    return new W300Options(null, null, null, null);
  }

  public BoxSource boxSource() {
    return boxSource(boxes);
  }

  private static BoxSource boxSource(String value) {
    return switch (value) {
      case "detector" -> BoxSource.DETECTOR;
      case "ground_truth" -> BoxSource.GROUND_TRUTH;
      case "landmarks" -> BoxSource.LANDMARKS;
      default -> throw new IllegalArgumentException(
          "boxes must be one of detector, ground_truth, landmarks; got '" + value + "'");
    };
  }
}
