package dev.sa.app.figures;

import dev.sa.api.Backbone;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.app.data.BatchSource;
import dev.sa.app.eval.Inference;
import dev.sa.app.eval.Nme;
import dev.sa.app.run.Evaluation;
import dev.sa.app.run.Setup;
import dev.sa.app.sa.Labels;
import dev.sa.app.train.LandmarkNet;
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
import java.util.function.Consumer;

/**
 * The figures of one variant, drawn at the end of {@code sa run} into {@code RUN_DIR/figures/}
 * (the report embeds every PNG there): example faces, strong vs weak heatmaps (paper Fig. 2a),
 * label movement over the SA epochs (Fig. 4) and refiner corrections (Fig. 5). This class only
 * gathers data (crops, predictions, heatmaps); {@link FaceGrid}, {@link HeatmapFigure} and
 * {@link TrailFigure} draw. Faces are chosen evenly over each set, never at random, so every
 * variant of a run shows the same faces.
 */
public final class RunFigures {
  /** Side of a face cell in pixels. */
  public static final int CELL = 160;
  /** Faces per row of the example grid. */
  public static final int FACES = 4;
  private static final int REFINER_POOL = 48;
  private static final int REFINER_SHOWN = 6;

  private final Setup setup;
  private final LandmarkNet net;
  private final Refiner refiner;
  private final String variant;
  private final String slug;
  private final Path dir;
  private final Evaluation evaluation;
  private final FaceCrops crops;
  private final int batchSize;

  private RunFigures(Setup setup, LandmarkNet net, Refiner refiner, String variant, Path dir) {
    this.setup = setup;
    this.net = net;
    this.refiner = refiner;
    this.variant = variant;
    this.slug = slug(variant);
    this.dir = dir;
    this.evaluation = new Evaluation(setup);
    this.crops = new FaceCrops(CELL, setup.config.input().boxScale(), setup.scheme.flipPermutation());
    this.batchSize = setup.config.evaluate().batchSize();
  }

  /**
   * Draws every figure that applies to this variant. A figure that fails is skipped with one line
   * to {@code log}; figures never fail a run.
   *
   * @param labels the variant's final training labels (human, o, y^)
   * @param trail the labels of a few faces per SA epoch (see {@link LabelTrail}), or null
   * @param refiner the fitted refiner, or null; it must still be open
   * @param figuresDir usually {@code RUN_DIR/figures}; files are named {@code <variant slug>-<figure>.png}
   * @return the files written
   */
  public static List<Path> write(Setup setup, LandmarkNet net, Labels labels, LabelTrail trail, Refiner refiner,
      String variant, Path figuresDir, Consumer<String> log) {
    RunFigures f = new RunFigures(setup, net, refiner, variant, figuresDir);
    List<Path> out = new ArrayList<>();
    f.attempt("example faces", out, log, () -> f.faces(labels, trail));
    boolean heatmaps = net.output() == Backbone.Output.HEATMAPS;
    if (heatmaps && strongAndWeak(setup.scheme).isPresent()) {
      f.attempt("heatmaps", out, log, f::heatmaps);
    }
    if (trail != null && trail.epochs().size() >= 2) {
      f.attempt("label trail", out, log, () -> f.trail(labels, trail));
    }
    if (refiner != null && heatmaps) {
      f.attempt("refiner corrections", out, log, f::refiner);
    }
    return out;
  }

  private interface Figure {
    Path draw() throws IOException;
  }

  private void attempt(String name, List<Path> out, Consumer<String> log, Figure figure) {
    try {
      out.add(figure.draw());
    } catch (IOException | RuntimeException e) {
      log.accept("figures: " + variant + ": '" + name + "' skipped: " + e.getMessage());
    }
  }

  private Path faces(Labels labels, LabelTrail trail) throws IOException {
    List<Integer> train = trail != null ? trail.indices() : LabelTrail.choose(labels.size(), FACES);
    List<FaceSample> trainSamples = new ArrayList<>();
    for (int i : train) {
      trainSamples.add(labels.sample(i));
    }
    Marker predicted = refiner == null ? Marker.PREDICTED : Marker.PREDICTED.withLabel("predicted (after refiner)");
    List<FaceGrid.Section> sections = new ArrayList<>();
    List<Landmarks> trainPred = evaluation.predict(net, trainSamples, refiner, batchSize).inImage();
    boolean searched = false;
    for (int i : train) {
      searched |= searchedDiffers(labels, i);
    }
    List<FacePanel> panels = new ArrayList<>();
    for (int j = 0; j < train.size(); j++) {
      int i = train.get(j);
      FaceSample s = labels.sample(i);
      FaceCrops.Crop c = crops.crop(s);
      List<PointLayer> layers = new ArrayList<>(base(c, s));
      if (searched) {
        layers.add(new PointLayer(Marker.SEARCHED, crops.toFace(c, labels.searched(i))));
      }
      layers.add(new PointLayer(predicted, crops.toFace(c, trainPred.get(j))));
      panels.add(FacePanel.of(caption(s, trainPred.get(j)), c.image(), layers));
    }
    sections.add(new FaceGrid.Section("training faces (" + labels.size() + ")", panels));
    for (Map.Entry<String, List<FaceSample>> e : testSubsets().entrySet()) {
      List<FaceSample> samples = pick(e.getValue(), FACES);
      List<Landmarks> pred = evaluation.predict(net, samples, refiner, batchSize).inImage();
      List<FacePanel> p = new ArrayList<>();
      for (int j = 0; j < samples.size(); j++) {
        FaceSample s = samples.get(j);
        FaceCrops.Crop c = crops.crop(s);
        List<PointLayer> layers = new ArrayList<>(base(c, s));
        layers.add(new PointLayer(predicted, crops.toFace(c, pred.get(j))));
        p.add(FacePanel.of(caption(s, pred.get(j)), c.image(), layers));
      }
      sections.add(new FaceGrid.Section("test subset " + e.getKey() + " (" + e.getValue().size() + ")", p));
    }
    return Png.write(FaceGrid.render(variant + ": example faces",
        "Network input crops; captions give the face's NME against the annotation ("
            + setup.normalization.name() + ").", sections, FACES, CELL), dir.resolve(slug + "-faces.png"));
  }

  private Path heatmaps() throws IOException {
    int[] sw = strongAndWeak(setup.scheme).orElseThrow();
    Map.Entry<String, List<FaceSample>> subset = testSubsets().entrySet().iterator().next();
    List<FaceSample> samples = pick(subset.getValue(), FACES);
    int n = setup.scheme.count();
    int h = setup.codec.heatmapSize();
    Heatmap[][] maps = new Heatmap[samples.size()][2];
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      items.add(new BatchSource.Item(i, samples.get(i), null));
    }
    Inference.run(net, setup.source, items, batchSize, (batch, step, output) -> {
      float[] v = output.toFloatArray();
      for (int i = 0; i < batch.size(); i++) {
        int index = batch.items().get(i).index();
        maps[index][0] = Heatmap.of(v, (i * n + sw[0]) * h * h, h);
        maps[index][1] = Heatmap.of(v, (i * n + sw[1]) * h * h, h);
      }
    });
    List<HeatmapFigure.Example> examples = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      examples.add(new HeatmapFigure.Example(shortId(samples.get(i)), crops.crop(samples.get(i)).image(), maps[i][0],
          maps[i][1]));
    }
    return Png.write(HeatmapFigure.render(variant + ": heatmaps of a strong and a weak point, " + subset.getKey()
        + " faces (paper Fig. 2a)", pointName(sw[0]), pointName(sw[1]), examples, Math.max(4, h / 8), CELL),
        dir.resolve(slug + "-heatmaps.png"));
  }

  private Path trail(Labels labels, LabelTrail trail) throws IOException {
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
    List<Integer> points = trailPoints(setup.scheme);
    List<String> names = points.stream().map(k -> setup.scheme.pointNames().get(k)).toList();
    return Png.write(TrailFigure.render(variant + ": label movement over the SA epochs (paper Fig. 4)", examples,
        points, names, setup.config.input().size(), CELL), dir.resolve(slug + "-label-trail.png"));
  }

  private Path refiner() throws IOException {
    Map<String, List<FaceSample>> tests = testSubsets();
    String subset = tests.keySet().stream().filter(k -> k.equals("challenge") || k.equals("category3")).findFirst()
        .orElse(tests.keySet().iterator().next());
    List<FaceSample> pool = pick(tests.get(subset), REFINER_POOL);
    List<Landmarks> before = evaluation.predict(net, pool, null, batchSize).inImage();
    List<Landmarks> after = evaluation.predict(net, pool, refiner, batchSize).inImage();
    List<Integer> order = new ArrayList<>();
    double[] moved = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      order.add(i);
      FaceSample s = pool.get(i);
      double d = setup.normalization.distance(s.landmarksInImage(), s.box());
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

  /** Annotation, then the truth where known. */
  private List<PointLayer> base(FaceCrops.Crop c, FaceSample s) {
    List<PointLayer> out = new ArrayList<>();
    out.add(new PointLayer(Marker.ANNOTATION, crops.toFace(c, s.landmarksInImage())));
    s.truthInImage().ifPresent(t -> out.add(new PointLayer(Marker.TRUTH, crops.toFace(c, t))));
    return out;
  }

  /** y^ is worth drawing only when it is neither the annotation nor the truth (oracle). */
  private static boolean searchedDiffers(Labels labels, int i) {
    Landmarks y = labels.searched(i);
    Optional<Landmarks> truth = labels.sample(i).truthInImage();
    return !y.equals(labels.human(i)) && (truth.isEmpty() || !y.equals(truth.get()));
  }

  /** Test subsets shown: all but {@code full} when at least two others exist (300W's full = common + challenge); at most 3. */
  private Map<String, List<FaceSample>> testSubsets() {
    Map<String, List<FaceSample>> out = new LinkedHashMap<>();
    long others = setup.tests.keySet().stream().filter(k -> !k.equals("full")).count();
    for (Map.Entry<String, List<FaceSample>> e : setup.tests.entrySet()) {
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

  private static List<FaceSample> pick(List<FaceSample> from, int k) {
    List<FaceSample> out = new ArrayList<>();
    for (int i : LabelTrail.choose(from.size(), k)) {
      out.add(from.get(i));
    }
    return out;
  }

  private double nme(FaceSample s, Landmarks predicted) {
    return Nme.face(predicted, s.landmarksInImage(), s.visible(), setup.normalization, s.box());
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
    return setup.scheme.pointNames().get(k) + " (" + k + ")";
  }

  /**
   * The strong and the weak point of Fig. 2a: on ibug68 the outer eye corner 36 and the jaw point
   * 4; otherwise the first strong and the first weak point of the scheme. Empty if there is no weak
   * point (or no strong one).
   */
  static Optional<int[]> strongAndWeak(LandmarkScheme scheme) {
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
  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9=.]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "variant" : s;
  }
}
