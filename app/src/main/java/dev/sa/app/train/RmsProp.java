package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop from plain array operations (paper Section 5 trains with RMSprop), so it runs on any DJL
 * engine (PyTorch's has none) and its state can be saved for an exact resume:
 * {@code ms = alpha * ms + (1 - alpha) g^2; w -= lr * g / (sqrt(ms) + eps)}.
 */
public final class RmsProp {
  private final double alpha;
  private final double epsilon;
  private final double weightDecay;
  private final List<NDArray> meanSquares = new ArrayList<>();

  public RmsProp(double alpha, double epsilon, double weightDecay) {
    this.alpha = alpha;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
  }

  /** One update of every trainable parameter with its current gradient. */
  public void step(List<Parameter> params, double lr) {
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

  /** The state, for checkpoints. */
  public NDList state() {
    return new NDList(meanSquares);
  }

  /** Restores what {@link #state()} gave, copying into arrays owned by {@code manager}. */
  public void restore(NDList state, NDManager manager) {
    for (NDArray a : meanSquares) {
      a.close();
    }
    meanSquares.clear();
    for (NDArray a : state) {
      NDArray copy = a.duplicate();
      copy.attach(manager);
      meanSquares.add(copy);
    }
  }
}
