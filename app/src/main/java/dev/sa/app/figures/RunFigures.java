package dev.sa.app.figures;

import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.app.eval.Nme;
import dev.sa.app.method.Labels;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of one variant, drawn at the end of {@code sa run} into {@code RUN_DIR/figures/}
 * (the report embeds every PNG there): example faces, strong vs weak heatmaps (paper Fig. 2a),
 * label movement over the SA epochs (Fig. 4) and refiner corrections (Fig. 5). It draws only what
 * it is handed (faces, predictions, heatmaps); the run predicts them. The static helpers choose
 * the faces, evenly over each set and never at random, so every variant of a run shows the same
 * faces. Files are named {@code <variant slug>-<figure>.png}.
 */
public final class RunFigures {
  /** Side of a face cell in pixels. */
  public static final int CELL = 160;
  /** Faces per row of the example grid. */
  public static final int FACES = 4;
  /** Faces the refiner figure chooses its examples from. */
  public static final int REFINER_POOL = 48;
  private static final int REFINER_SHOWN = 6;

  /**
   * One face of the example grid.
   *
   * @param predicted the network's (and refiner's) prediction in image pixels
   * @param searched y^ in image pixels, or null when not drawn
   */
  public record Panel(FaceSample sample, Landmarks predicted, Landmarks searched) {}

  /** A titled row group of the example grid. */
  public record Section(String title, List<Panel> panels) {}

  /** One face of the heatmap figure: its strong and its weak point's heatmap. */
  public record HeatmapExample(FaceSample sample, Heatmap strong, Heatmap weak) {}

  private final String variant;
  private final String slug;
  private final LandmarkScheme scheme;
  private final Normalization normalization;
  private final int inputSize;
  private final Path dir;
  private final FaceCrops crops;

  /**
   * @param inputSize the network's crop side (the trail figure's scale)
   * @param boxScale the crops' {@code input.boxScale}, so faces look as the network sees them
   * @param dir usually {@code RUN_DIR/figures}
   */
  public RunFigures(String variant, LandmarkScheme scheme, Normalization normalization, int inputSize,
      double boxScale, Path dir) {
    this.variant = variant;
    this.slug = slug(variant);
    this.scheme = scheme;
    this.normalization = normalization;
    this.inputSize = inputSize;
    this.dir = dir;
    this.crops = new FaceCrops(CELL, boxScale, scheme.flipPermutation());
  }

  /** The example faces (training faces first, then each test subset's). */
  public Path faces(List<Section> sections, boolean refined) throws IOException {
    Marker predicted = refined ? Marker.PREDICTED.withLabel("predicted (after refiner)") : Marker.PREDICTED;
    List<FaceGrid.Section> grid = new ArrayList<>();
    for (Section section : sections) {
      List<FacePanel> panels = new ArrayList<>();
      for (Panel p : section.panels()) {
        FaceCrops.Crop c = crops.crop(p.sample());
        List<PointLayer> layers = new ArrayList<>(base(c, p.sample()));
        if (p.searched() != null) {
          layers.add(new PointLayer(Marker.SEARCHED, crops.toFace(c, p.searched())));
        }
        layers.add(new PointLayer(predicted, crops.toFace(c, p.predicted())));
        panels.add(FacePanel.of(caption(p.sample(), p.predicted()), c.image(), layers));
      }
      grid.add(new FaceGrid.Section(section.title(), panels));
    }
    return Png.write(FaceGrid.render(variant + ": example faces",
        "Network input crops; captions give the face's NME against the annotation ("
            + normalization.name() + ").", grid, FACES, CELL), dir.resolve(slug + "-faces.png"));
  }

  /**
   * The heatmaps of a strong and a weak point (Fig. 2a).
   *
   * @param strongWeak the two points, as {@link #strongAndWeak} chose them
   */
  public Path heatmaps(String subset, int[] strongWeak, List<HeatmapExample> examples, int heatmapSize)
      throws IOException {
    List<HeatmapFigure.Example> out = new ArrayList<>();
    for (HeatmapExample e : examples) {
      out.add(new HeatmapFigure.Example(shortId(e.sample()), crops.crop(e.sample()).image(), e.strong(), e.weak()));
    }
    return Png.write(HeatmapFigure.render(variant + ": heatmaps of a strong and a weak point, " + subset
        + " faces (paper Fig. 2a)", pointName(strongWeak[0]), pointName(strongWeak[1]), out,
        Math.max(4, heatmapSize / 8), CELL), dir.resolve(slug + "-heatmaps.png"));
  }

  /** Label movement over the SA epochs (Fig. 4) of the faces {@code trail} traces. */
  public Path trail(Labels labels, LabelTrail trail) throws IOException {
    List<TrailFigure.Example> examples = new ArrayList<>();
    for (int slot = 0; slot < trail.indices().size(); slot++) {
      FaceSample s = labels.sample(trail.indices().get(slot));
      FaceCrops.Crop c = crops.crop(s);
      List<Landmarks> path = new ArrayList<>();
      for (Landmarks l : trail.path(slot)) {
        path.add(crops.toFace(c, l));
      }
      examples.add(new TrailFigure.Example(shortId(s), c.image(), path, s.truthInImage().map(t -> crops.toFace(c, t))));
    }
    List<Integer> points = trailPoints(scheme);
    List<String> names = points.stream().map(k -> scheme.pointNames().get(k)).toList();
    return Png.write(TrailFigure.render(variant + ": label movement over the SA epochs (paper Fig. 4)", examples,
        points, names, inputSize, CELL), dir.resolve(slug + "-label-trail.png"));
  }

  /**
   * The refiner's corrections (Fig. 5): of the {@code pool} faces, those it moved most.
   *
   * @param before predictions without the refiner, in image pixels
   * @param after the same faces' predictions with it
   */
  public Path refiner(String subset, List<FaceSample> pool, List<Landmarks> before, List<Landmarks> after)
      throws IOException {
    List<Integer> order = new ArrayList<>();
    double[] moved = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      order.add(i);
      FaceSample s = pool.get(i);
      double d = normalization.distance(s.landmarksInImage(), s.box());
      double sum = 0;
      for (int k = 0; k < before.get(i).count(); k++) {
        sum += before.get(i).distance(k, after.get(i));
      }
      moved[i] = sum / before.get(i).count() / d;
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -moved[i]).thenComparingInt(i -> i));
    List<FacePanel> panels = new ArrayList<>();
    for (int i : order.subList(0, Math.min(REFINER_SHOWN, order.size()))) {
      FaceSample s = pool.get(i);
      FaceCrops.Crop c = crops.crop(s);
      Landmarks b = crops.toFace(c, before.get(i));
      Landmarks a = crops.toFace(c, after.get(i));
      List<PointLayer> layers = new ArrayList<>(base(c, s));
      layers.add(new PointLayer(Marker.BEFORE_REFINER, b));
      layers.add(new PointLayer(Marker.AFTER_REFINER, a));
      String cap = String.format(Locale.ROOT, "%s NME %.1f\u2192%.1f%%", shortId(s), 100 * nme(s, before.get(i)),
          100 * nme(s, after.get(i)));
      panels.add(new FacePanel(cap, c.image(), layers,
          List.of(new FacePanel.Arrows(b, a, new Color(255, 255, 255, 200), 1.0))));
    }
    return Png.write(FaceGrid.render(variant + ": refiner corrections on " + subset + " (paper Fig. 5)",
        "The " + panels.size() + " of " + pool.size() + " evenly sampled faces that the refiner moved most; NME vs"
            + " the annotation before \u2192 after.", List.of(new FaceGrid.Section("", panels)), 3, CELL),
        dir.resolve(slug + "-refiner-" + slug(subset) + ".png"));
  }

  /** The subset the refiner figure shows: the hard one ({@code challenge}, {@code category3}) if shown, else the first. */
  public static String refinerSubset(Set<String> shown) {
    return shown.stream().filter(k -> k.equals("challenge") || k.equals("category3")).findFirst()
        .orElse(shown.iterator().next());
  }

  /** Annotation, then the truth where known. */
  private List<PointLayer> base(FaceCrops.Crop c, FaceSample s) {
    List<PointLayer> out = new ArrayList<>();
    out.add(new PointLayer(Marker.ANNOTATION, crops.toFace(c, s.landmarksInImage())));
    s.truthInImage().ifPresent(t -> out.add(new PointLayer(Marker.TRUTH, crops.toFace(c, t))));
    return out;
  }

  /** y^ is worth drawing only when it is neither the annotation nor the truth (oracle). */
  public static boolean searchedDiffers(Labels labels, int i) {
    Landmarks y = labels.searched(i);
    Optional<Landmarks> truth = labels.sample(i).truthInImage();
    return !y.equals(labels.human(i)) && (truth.isEmpty() || !y.equals(truth.get()));
  }

  /** Test subsets shown: all but {@code full} when at least two others exist (300W's full = common + challenge); at most 3. */
  public static Map<String, List<FaceSample>> testSubsets(Map<String, List<FaceSample>> tests) {
    Map<String, List<FaceSample>> out = new LinkedHashMap<>();
    long others = tests.keySet().stream().filter(k -> !k.equals("full")).count();
    for (Map.Entry<String, List<FaceSample>> e : tests.entrySet()) {
      if (e.getValue().isEmpty() || (e.getKey().equals("full") && others >= 2) || out.size() == 3) {
        continue;
      }
      out.put(e.getKey(), e.getValue());
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no test faces to draw");
    }
    return out;
  }

  /** {@code k} faces spread evenly over {@code from} ({@link LabelTrail#choose}). */
  public static List<FaceSample> pick(List<FaceSample> from, int k) {
    List<FaceSample> out = new ArrayList<>();
    for (int i : LabelTrail.choose(from.size(), k)) {
      out.add(from.get(i));
    }
    return out;
  }

  private double nme(FaceSample s, Landmarks predicted) {
    return Nme.face(predicted, s.landmarksInImage(), s.visible(), normalization, s.box());
  }

  private String caption(FaceSample s, Landmarks predicted) {
    return String.format(Locale.ROOT, "%s  NME %.1f%%", shortId(s), 100 * nme(s, predicted));
  }

  private static String shortId(FaceSample s) {
    String id = s.id();
    int cut = id.lastIndexOf('/');
    return cut >= 0 && cut < id.length() - 1 ? id.substring(cut + 1) : id;
  }

  private String pointName(int k) {
    return scheme.pointNames().get(k) + " (" + k + ")";
  }

  /**
   * The strong and the weak point of Fig. 2a: on ibug68 the outer eye corner 36 and the jaw point
   * 4; otherwise the first strong and the first weak point of the scheme. Empty if there is no weak
   * point (or no strong one).
   */
  public static Optional<int[]> strongAndWeak(LandmarkScheme scheme) {
    if (scheme.name().equals("ibug68") && scheme.count() == 68) {
      return Optional.of(new int[] {36, 4});
    }
    int strong = -1;
    int weak = -1;
    for (int k = 0; k < scheme.count(); k++) {
      if (scheme.isWeak(k) && weak < 0) {
        weak = k;
      } else if (!scheme.isWeak(k) && strong < 0) {
        strong = k;
      }
    }
    return strong < 0 || weak < 0 ? Optional.empty() : Optional.of(new int[] {strong, weak});
  }

  /**
   * Weak points whose movement Fig. 4 traces: on ibug68 a jaw point, the chin, a brow middle and
   * a nose-bridge point; otherwise up to four weak points spread over the scheme (all points if
   * none is weak).
   */
  static List<Integer> trailPoints(LandmarkScheme scheme) {
    if (scheme.name().equals("ibug68") && scheme.count() == 68) {
      return List.of(4, 8, 19, 28);
    }
    List<Integer> weak = new ArrayList<>(scheme.weakPoints().stream().sorted().toList());
    if (weak.isEmpty()) {
      for (int k = 0; k < scheme.count(); k++) {
        weak.add(k);
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i : LabelTrail.choose(weak.size(), 4)) {
      out.add(weak.get(i));
    }
    return out;
  }

  /** The variant's folder name, as the run uses it ({@code HGs+SA} -> {@code hgs-sa}). */
  public static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9=.]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "variant" : s;
  }
}
