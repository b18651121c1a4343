package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop from plain array operations (paper Section 5 trains with RMSprop), so it runs on any DJL
 * engine and its state can be saved for an exact resume:
 * {@code ms = alpha * ms + (1 - alpha) g^2; w -= lr * g / (sqrt(ms) + eps)}.
 *
 * <p>Why not the engines' own updates: MXNet's {@code rmsprop_update} puts epsilon inside the root,
 * {@code g / sqrt(ms + eps)}. With the small gradients of a mean-reduced heatmap MSE (|g| near
 * 1e-5) that damps the first steps by orders of magnitude against PyTorch's and this formula, so it
 * would change training, not only its speed.
 *
 * <p>Fused: the per-parameter arithmetic is elementwise, so it can run once on all gradients
 * concatenated into one vector (one concat, eight vector ops, one split) instead of eight small ops
 * per parameter (the hourglass has about 270 parameter arrays). The operations per element are the
 * same as the per-parameter path, so both give bit-identical weights (tested). Which is faster
 * depends on the engine: on PyTorch the fused step takes about half the time, on MXNet about
 * twice (its concat and 270-way split are slow), see bench/README.md; {@link LandmarkNet} picks.
 * The saved state is per parameter in either mode, so checkpoints do not depend on the mode.
 *
 * <p>Native ({@link Form#MXNET_ADAM}, MXNet only): one engine operator per parameter, MXNet's
 * {@code adam_update} with {@code beta1 = 0}, {@code beta2 = alpha}. Its kernel computes
 * {@code m = g + wd w; v = beta2 v + (1 - beta2) m^2; w -= lr m / (sqrt(v) + eps)} (no bias
 * correction inside the operator), which with {@code beta1 = 0} is this class's formula with
 * epsilon outside the root; the mean-square state is the same array, so checkpoints move between
 * forms. Fewer engine calls than the per-parameter form's eight operators per parameter, without the
 * fused form's concat and split, which MXNet runs slowly. Same numbers up to float rounding (tested).
 */
public final class RmsProp {
  /** How the update runs; all forms compute the same formula. */
  public enum Form {
    /** Eight array operations per parameter (the engine-neutral reference). */
    PER_PARAMETER,
    /** The same operations once on all parameters concatenated. */
    FUSED,
    /** MXNet's {@code adam_update} with {@code beta1 = 0}: one operator per parameter (MXNet only). */
    MXNET_ADAM
  }

  /**
   * The optimiser's constants (config {@code train.rmsAlpha}, {@code rmsEpsilon}, {@code weightDecay}).
   *
   * @param alpha smoothing constant of the mean square, in [0, 1)
   * @param epsilon > 0
   * @param weightDecay >= 0
   */
  public record Settings(double alpha, double epsilon, double weightDecay) {
    /** DJL's and PyTorch's defaults, without weight decay. */
    public static final Settings DEFAULT = new Settings(0.99, 1e-8, 0);

    public Settings {
      if (!(alpha >= 0 && alpha < 1) || !(epsilon > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("RMSprop needs alpha in [0, 1), epsilon > 0 and weight decay >= 0, got "
            + alpha + ", " + epsilon + ", " + weightDecay);
      }
    }
  }

  private final double alpha;
  private final double epsilon;
  private final double weightDecay;
  private final Form form;
  /** MXNET_ADAM: per parameter, adam's first-moment buffer (scratch: with beta1 = 0 it is g). */
  private final List<NDArray> scratch = new ArrayList<>();
  /** MXNET_ADAM: the parameter arrays the cached gradient handles belong to. */
  private final List<NDArray> seen = new ArrayList<>();
  private final List<NDArray> gradients = new ArrayList<>();
  /** Per-parameter mean squares (unfused), or restored state waiting for the first fused step. */
  private final List<NDArray> meanSquares = new ArrayList<>();
  /** All mean squares as one vector, in parameter order (fused). */
  private NDArray flat;
  private Shape[] shapes;

  /** The per-parameter (engine-neutral reference) form. */
  public RmsProp(double alpha, double epsilon, double weightDecay) {
    this(alpha, epsilon, weightDecay, false);
  }

  /** @param fused update all parameters as one vector (same numbers, fewer engine calls) */
  public RmsProp(double alpha, double epsilon, double weightDecay, boolean fused) {
    this(alpha, epsilon, weightDecay, fused ? Form.FUSED : Form.PER_PARAMETER);
  }

  public RmsProp(double alpha, double epsilon, double weightDecay, Form form) {
    this.alpha = alpha;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.form = form;
  }

  public boolean fused() {
    return form == Form.FUSED;
  }

  public Form form() {
    return form;
  }

  /** One update of every trainable parameter with its current gradient. */
  public void step(List<Parameter> params, double lr) {
    if (params.isEmpty()) {
      return;
    }
    switch (form) {
      case FUSED -> fusedStep(params, lr);
      case MXNET_ADAM -> adamStep(params, lr);
      default -> perParameterStep(params, lr);
    }
  }

  private void adamStep(List<Parameter> params, double lr) {
    if (meanSquares.isEmpty()) {
      for (Parameter p : params) {
        NDArray w = p.getArray();
        meanSquares.add(w.getManager().zeros(w.getShape(), w.getDataType(), w.getDevice()));
      }
    }
    if (meanSquares.size() != params.size()) {
      throw new IllegalStateException("optimizer state has " + meanSquares.size() + " arrays but the network has "
          + params.size() + " trainable parameters");
    }
    PairList<String, Object> attrs = new PairList<>();
    attrs.add("lr", (float) lr);
    attrs.add("beta1", 0f);
    attrs.add("beta2", (float) alpha);
    attrs.add("epsilon", (float) epsilon);
    attrs.add("wd", (float) weightDecay);
    attrs.add("rescale_grad", 1f);
    attrs.add("clip_gradient", -1f);
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      if (i == seen.size()) {
        seen.add(null);
        gradients.add(null);
        scratch.add(w.getManager().zeros(w.getShape(), w.getDataType(), w.getDevice()));
      }
      if (seen.get(i) != w) {
        // A new parameter array (a loaded checkpoint): its gradient is another array.
        if (gradients.get(i) != null) {
          gradients.get(i).close();
        }
        seen.set(i, w);
        gradients.set(i, w.getGradient());
      }
      NDArray[] in = {w, gradients.get(i), scratch.get(i), meanSquares.get(i)};
      w.getManager().invoke("adam_update", in, new NDArray[] {w}, attrs);
    }
  }

  private void perParameterStep(List<Parameter> params, double lr) {
    if (meanSquares.isEmpty()) {
      for (Parameter p : params) {
        NDArray w = p.getArray();
        meanSquares.add(w.getManager().zeros(w.getShape(), w.getDataType(), w.getDevice()));
      }
    }
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      NDArray ms = meanSquares.get(i);
      try (NDManager sub = w.getManager().newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(sub);
        w.tempAttach(sub);
        ms.tempAttach(sub);
        if (weightDecay > 0) {
          g.addi(w.mul(weightDecay));
        }
        ms.muli(alpha).addi(g.square().muli(1 - alpha));
        w.subi(g.div(ms.sqrt().addi(epsilon)).muli(lr));
      }
    }
  }

  private void fusedStep(List<Parameter> params, double lr) {
    NDArray first = params.get(0).getArray();
    NDManager owner = first.getManager();
    if (flat == null) {
      initFlat(params, owner);
    }
    int n = params.size();
    try (NDManager sub = owner.newSubManager()) {
      NDList grads = new NDList(n);
      NDList weights = weightDecay > 0 ? new NDList(n) : null;
      for (Parameter p : params) {
        NDArray w = p.getArray();
        NDArray g = w.getGradient();
        g.attach(sub);
        grads.add(g.reshape(-1));
        if (weights != null) {
          NDArray wf = w.reshape(-1);
          wf.attach(sub);
          weights.add(wf);
        }
      }
      NDArray g = n == 1 ? grads.get(0) : NDArrays.concat(grads, 0);
      if (weights != null) {
        g.addi((n == 1 ? weights.get(0) : NDArrays.concat(weights, 0)).mul(weightDecay));
      }
      flat.tempAttach(sub);
      flat.muli(alpha).addi(g.square().muli(1 - alpha));
      NDArray update = g.div(flat.sqrt().addi(epsilon)).muli(lr);
      NDList parts = n == 1 ? new NDList(update) : update.split(offsets(), 0);
      for (int i = 0; i < n; i++) {
        params.get(i).getArray().subi(parts.get(i).reshape(shapes[i]));
      }
    }
  }

  private void initFlat(List<Parameter> params, NDManager owner) {
    shapes = new Shape[params.size()];
    long total = 0;
    for (int i = 0; i < params.size(); i++) {
      shapes[i] = params.get(i).getArray().getShape();
      total += shapes[i].size();
    }
    NDArray first = params.get(0).getArray();
    if (meanSquares.isEmpty()) {
      flat = owner.zeros(new Shape(total), first.getDataType(), first.getDevice());
      return;
    }
    if (meanSquares.size() != params.size()) {
      throw new IllegalStateException("optimizer state has " + meanSquares.size() + " arrays but the network has "
          + params.size() + " trainable parameters");
    }
    try (NDManager sub = owner.newSubManager()) {
      NDList parts = new NDList();
      for (NDArray a : meanSquares) {
        NDArray f = a.reshape(-1);
        f.attach(sub);
        parts.add(f);
      }
      flat = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 0);
      flat.attach(owner);
    }
    for (NDArray a : meanSquares) {
      a.close();
    }
    meanSquares.clear();
  }

  /** Split points of the flat vector: the end of every parameter but the last. */
  private long[] offsets() {
    long[] cuts = new long[shapes.length - 1];
    long at = 0;
    for (int i = 0; i < cuts.length; i++) {
      at += shapes[i].size();
      cuts[i] = at;
    }
    return cuts;
  }

  /**
   * The state, for checkpoints: one mean-square array per parameter (in either mode), attached
   * to {@code manager}. Empty before the first step.
   */
  public NDList state(NDManager manager) {
    NDList out = new NDList();
    if (flat != null) {
      NDList parts = shapes.length == 1 ? new NDList(flat) : flat.split(offsets(), 0);
      for (int i = 0; i < shapes.length; i++) {
        NDArray a = parts.get(i).reshape(shapes[i]);
        a.attach(manager);
        out.add(a);
      }
      for (NDArray p : parts) {
        if (p != flat) {
          p.close();
        }
      }
      return out;
    }
    for (NDArray a : meanSquares) {
      NDArray copy = a.duplicate();
      copy.attach(manager);
      out.add(copy);
    }
    return out;
  }

  /** Restores what {@link #state} gave, copying into arrays owned by {@code manager}. */
  public void restore(NDList state, NDManager manager) {
    for (NDArray a : meanSquares) {
      a.close();
    }
    meanSquares.clear();
    if (flat != null) {
      flat.close();
      flat = null;
    }
    for (NDArray a : state) {
      NDArray copy = a.duplicate();
      copy.attach(manager);
      meanSquares.add(copy);
    }
  }
}
