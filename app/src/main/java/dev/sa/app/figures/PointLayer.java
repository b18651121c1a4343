package dev.sa.app.figures;

import dev.sa.api.Landmarks;

/**
 * One set of points drawn over a face image.
 *
 * @param marker how the points look and what the legend calls them
 * @param inFace N points in the face image's pixels (pixel centres at integers, like every space
 *     in sa); points that are not finite are skipped
 */
public record PointLayer(Marker marker, Landmarks inFace) {
  public PointLayer {
    if (marker == null || inFace == null) {
      throw new IllegalArgumentException("a point layer needs a marker and points");
    }
  }
}
