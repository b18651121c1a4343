package dev.sa.app.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Training on several devices: each batch {@code (B, 3, S, S)} is split into contiguous slices,
 * one per device; each device runs forward and backward on its slice against its own mirror of the
 * parameters (one gradient collector for all), the gradients are summed onto the first device's
 * copy in device order, the optimiser updates that copy once, and the result is copied to every
 * mirror. Each slice's loss is weighted by its share of the batch, so the summed gradient is the
 * whole batch's. BatchNorm uses per-slice statistics (not synchronised); the first device's
 * running averages are copied to the others after every step.
 */
final class SplitStep {
  /** The loss of faces {@code [from, from + n)} of the batch, on arrays of {@code on}. */
  interface SliceLoss {
    NDArray loss(NDManager on, int from, int n, NDList out);
  }

  /** The input of faces {@code [from, from + n)}, on arrays of {@code on}. */
  interface SliceInput {
    NDArray input(NDManager on, int from, int n);
  }

  private SplitStep() {}

  /**
   * Sizes of the contiguous slices of a batch of {@code batch} faces over {@code devices}
   * devices: as even as possible, the first devices taking one more, zero where devices
   * outnumber faces.
   */
  static int[] slices(int batch, int devices) {
    int[] sizes = new int[devices];
    for (int d = 0; d < devices; d++) {
      sizes[d] = batch / devices + (d < batch % devices ? 1 : 0);
    }
    return sizes;
  }

  /** Forward and backward of every slice, gradients summed onto the first device; returns the batch's loss. */
  static float forwardBackward(NetParts net, int batch, SliceInput input, SliceLoss loss) {
    List<Device> devices = net.devices();
    int[] sizes = slices(batch, devices.size());
    float value = 0;
    try (NDManager step = net.manager().newSubManager();
        GradientCollector collector = net.engine().newGradientCollector()) {
      int from = 0;
      for (int d = 0; d < devices.size() && sizes[d] > 0; d++) {
        int n = sizes[d];
        NDManager on = step.newSubManager(devices.get(d));
        NDList out = net.block().forward(net.store(), new NDList(input.input(on, from, n)), true);
        NDArray l = loss.loss(on, from, n, out).mul((float) n / batch);
        collector.backward(l);
        value += l.getFloat();
        from += n;
      }
    }
    int used = Math.min(devices.size(), batch);
    for (Parameter p : net.trainable()) {
      try (NDArray g = p.getArray().getGradient()) {
        for (int d = 1; d < used; d++) {
          try (NDArray gd = net.store().getValue(p, devices.get(d), true).getGradient();
              NDArray moved = gd.toDevice(devices.get(0), true)) {
            g.addi(moved);
          }
        }
      }
    }
    return value;
  }

  /** Copies the first device's parameters (updated by the optimiser) to every mirror. */
  static void copyToMirrors(NetParts net) {
    List<Device> devices = net.devices();
    for (Pair<String, Parameter> p : net.block().getParameters()) {
      NDArray main = p.getValue().getArray();
      for (int d = 1; d < devices.size(); d++) {
        main.copyTo(net.store().getValue(p.getValue(), devices.get(d), true));
      }
    }
  }

  /**
   * One device: the store hands out the parameters' own arrays. Several: it mirrors them on every
   * device; each parameter is asked for on the first device first, so that mirror is the
   * parameter's own array (the one the optimiser updates and checkpoints save).
   */
  static ParameterStore newStore(NDManager manager, Block block, List<Device> devices) {
    if (devices.size() == 1) {
      return new ParameterStore(manager, false);
    }
    ParameterStore s = new ParameterStore(manager, true);
    s.setParameterServer(new Mirrors(), devices.toArray(new Device[0]));
    for (Pair<String, Parameter> p : block.getParameters()) {
      s.getValue(p.getValue(), devices.get(0), true);
    }
    return s;
  }

  /** The store's parameter server: the split step keeps the mirrors in step itself. */
  private static final class Mirrors implements ParameterServer {
    @Override
    public void init(String parameterId, NDArray[] value) {}

    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
      throw new UnsupportedOperationException("LandmarkNet updates its mirrors itself");
    }

    @Override
    public void close() {}
  }

  /** What the split step reads of the network. */
  record NetParts(List<Device> devices, NDManager manager, ai.djl.engine.Engine engine, Block block,
      ParameterStore store, List<Parameter> trainable) {}
}
