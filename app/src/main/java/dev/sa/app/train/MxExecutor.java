package dev.sa.app.train;

import ai.djl.Device;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.Symbol;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.IntBuffer;
import java.util.function.IntFunction;

/**
 * MXNet only: one recorded graph bound to fixed arrays with MXNet's graph executor (the engine
 * under the Module API), for training. The executor plans the memory of the forward and the
 * backward pass together, so the buffers of activations that the backward pass has consumed are
 * reused for the gradients that follow; a {@code CachedOp} plans them apart and holds both (at 256
 * px the hourglass's training step peaked 1.4x lower this way, bench/README.md).
 *
 * <p>The graph's inputs are bound once: its data input to an array of this executor, into which
 * every step copies its batch; parameters and BatchNorm's running statistics (the graph's
 * auxiliary states) to the network's own arrays, which the optimiser updates in place and the
 * forward pass in training mode updates; the gradients of trainable parameters to the parameters'
 * gradient arrays. Loading a checkpoint replaces those arrays, so the owner frees the executor then
 * ({@link MxGraph#close}).
 *
 * <p>The loss stays outside the graph: {@link #forward} returns the outputs marked for autograd,
 * the caller computes the loss from them imperatively and runs autograd's backward pass, which
 * leaves the loss's gradient on each output; {@link #backward} feeds those to the executor.
 */
final class MxExecutor implements AutoCloseable {
  private static final MxnetLibrary LIB = LibUtils.loadLibrary();

  static {
    // Binding logs "Subgraph backend MKLDNN is activated." on stderr each time (the oneDNN pass,
    // which leaves training graphs as they are); MXNet reads this once, at the first bind. A
    // value the user set is kept.
    try {
      com.sun.jna.NativeLibrary.getInstance("c").getFunction("setenv")
          .invokeInt(new Object[] {"MXNET_SUBGRAPH_VERBOSE", "0", 0});
    } catch (UnsatisfiedLinkError e) {
      // not a C library with setenv: the line stays
    }
  }
  private static final int CPU = 1;
  private static final int GPU = 2;
  private static final int GRAD_NULL = 0;
  private static final int GRAD_WRITE = 1;

  private final NDManager owned;
  private final NDArray data;
  private final Pointer handle;

  /**
   * Binds {@code graph}, whose inputs are named {@code var<k>}, on {@code device}.
   *
   * @param slot for graph input {@code name}: -1 for the data input, else the index given to
   *     {@code value} and {@code gradient}
   * @param value the array bound to a parameter's slot
   * @param gradient the array the parameter's gradient is written to, or null for none
   * @param shape the data input's shape
   */
  MxExecutor(Symbol graph, java.util.function.ToIntFunction<String> slot, IntFunction<NDArray> value,
      IntFunction<NDArray> gradient, Shape shape, NDManager parent, Device device) {
    owned = parent.newSubManager(device);
    data = owned.zeros(shape, DataType.FLOAT32);
    String[] args = graph.getArgNames();
    String[] aux = graph.getAuxNames();
    Pointer[] argArrays = new Pointer[args.length];
    Pointer[] gradArrays = new Pointer[args.length];
    int[] request = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      int s = slot.applyAsInt(args[i]);
      argArrays[i] = handle(s < 0 ? data : value.apply(s));
      NDArray g = s < 0 ? null : gradient.apply(s);
      if (g != null) {
        g.attach(owned);
        gradArrays[i] = handle(g);
        request[i] = GRAD_WRITE;
      } else {
        request[i] = GRAD_NULL;
      }
    }
    Pointer[] auxArrays = new Pointer[aux.length];
    for (int i = 0; i < aux.length; i++) {
      int s = slot.applyAsInt(aux[i]);
      if (s < 0) {
        throw new MxGraph.Unsupported("the data input is an auxiliary state of the graph");
      }
      auxArrays[i] = handle(value.apply(s));
    }
    boolean gpu = device.getDeviceType().equals(Device.Type.GPU);
    PointerByReference out = new PointerByReference();
    int rc = LIB.MXExecutorBindEX(graph.getHandle(), gpu ? GPU : CPU, gpu ? device.getDeviceId() : 0, 0, null,
        null, null, args.length, pointers(argArrays), pointers(gradArrays), IntBuffer.wrap(request), aux.length,
        pointers(auxArrays), null, out);
    if (rc != 0) {
      owned.close();
      throw new MxGraph.Unsupported("the graph executor refused the graph: " + LIB.MXGetLastError());
    }
    handle = out.getValue();
  }

  /**
   * Runs the forward pass on {@code x} (copied into the bound input), in training mode if
   * {@code training}, and returns the outputs as arrays of {@code x}'s manager, marked for autograd
   * when {@code training}. They are the executor's own buffers: valid until its next call.
   */
  NDList forward(NDArray x, boolean training) {
    x.copyTo(data);
    check(LIB.MXExecutorForward(handle, training ? 1 : 0));
    IntBuffer n = IntBuffer.allocate(1);
    PointerByReference outs = new PointerByReference();
    check(LIB.MXExecutorOutputs(handle, n, outs));
    Pointer[] handles = outs.getValue().getPointerArray(0, n.get(0));
    NDList result = new NDList(handles.length);
    MxNDManager manager = (MxNDManager) x.getManager();
    for (Pointer h : handles) {
      NDArray o = manager.create(h);
      if (training) {
        o.setRequiresGradient(true);
      }
      result.add(o);
    }
    return result;
  }

  /**
   * The backward pass from the gradients autograd left on {@code outputs} (those of the last
   * {@link #forward}): writes the parameters' gradients.
   */
  void backward(NDList outputs) {
    Pointer[] heads = new Pointer[outputs.size()];
    try (NDManager grads = owned.newSubManager()) {
      for (int i = 0; i < heads.length; i++) {
        NDArray g = outputs.get(i).getGradient();
        g.attach(grads);
        heads[i] = handle(g);
      }
      check(LIB.MXExecutorBackwardEx(handle, heads.length, pointers(heads), 1));
    }
  }

  private static Pointer handle(NDArray a) {
    return ((MxNDArray) a).getHandle();
  }

  static PointerByReference pointers(Pointer[] values) {
    Memory m = new Memory((long) Math.max(1, values.length) * Native.POINTER_SIZE);
    for (int i = 0; i < values.length; i++) {
      m.setPointer((long) i * Native.POINTER_SIZE, values[i]);
    }
    PointerByReference ref = new PointerByReference();
    ref.setPointer(m);
    return ref;
  }

  private static void check(int rc) {
    if (rc != 0) {
      throw new ai.djl.engine.EngineException(LIB.MXGetLastError());
    }
  }

  @Override
  public void close() {
    // The engine may still run this executor's last steps; free its buffers after them.
    JnaUtils.waitAll();
    LIB.MXExecutorFree(handle);
    owned.close();
  }
}
