package dev.sa.api;

/** An axis-aligned face box in image pixels, {@code [x1, x2] x [y1, y2]}. */
public record FaceBox(double x1, double y1, double x2, double y2) {
  public FaceBox {
    if (!(x2 > x1) || !(y2 > y1) || !Double.isFinite(x1 + y1 + x2 + y2)) {
      throw new IllegalArgumentException(
          "face box needs x1 < x2 and y1 < y2, got [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
    }
  }

  public double width() {
    return x2 - x1;
  }

  public double height() {
    return y2 - y1;
  }

  public double centerX() {
    return (x1 + x2) / 2;
  }

  public double centerY() {
    return (y1 + y2) / 2;
  }

  /** Intersection over union with {@code other}: 0 for disjoint boxes, 1 for the same box. */
  public double iou(FaceBox other) {
    double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
    double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double inter = w * h;
    return inter / (width() * height() + other.width() * other.height() - inter);
  }

  /** Face size {@code sqrt(w * h)}, AFLW's normaliser (paper Table 3). */
  public double size() {
    return Math.sqrt(width() * height());
  }

  /** This box with its width and height multiplied by {@code factor}, about the same centre. */
  public FaceBox scaled(double factor) {
    double hw = width() * factor / 2;
    double hh = height() * factor / 2;
    return new FaceBox(centerX() - hw, centerY() - hh, centerX() + hw, centerY() + hh);
  }

  /** Tight box around the points, enlarged by {@code factor} about its centre. */
  public static FaceBox around(Landmarks points, double factor) {
    double x1 = Double.MAX_VALUE;
    double y1 = Double.MAX_VALUE;
    double x2 = -Double.MAX_VALUE;
    double y2 = -Double.MAX_VALUE;
    for (int i = 0; i < points.count(); i++) {
      x1 = Math.min(x1, points.x(i));
      y1 = Math.min(y1, points.y(i));
      x2 = Math.max(x2, points.x(i));
      y2 = Math.max(y2, points.y(i));
    }
    double cx = (x1 + x2) / 2;
    double cy = (y1 + y2) / 2;
    double hw = Math.max(1, (x2 - x1) * factor / 2);
    double hh = Math.max(1, (y2 - y1) * factor / 2);
    return new FaceBox(cx - hw, cy - hh, cx + hw, cy + hh);
  }
}
