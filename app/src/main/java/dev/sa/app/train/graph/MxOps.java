package dev.sa.app.train.graph;

import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** The MXNet C calls behind {@link MxGraph}: recording, grouping symbols, making and running cached ops. */
final class MxOps {
  private static final MxnetLibrary LIB = LibUtils.loadLibrary();

  private MxOps() {}

  /** Runs {@code forward} with autograd recording and MXNet's training flag set to {@code training}. */
  static NDList recording(boolean training, Supplier<NDList> forward) {
    boolean wasRecording = JnaUtils.autogradSetIsRecording(true);
    boolean wasTraining = JnaUtils.autogradSetTraining(training);
    try {
      return forward.get();
    } finally {
      JnaUtils.autogradSetIsRecording(wasRecording);
      JnaUtils.autogradSetTraining(wasTraining);
    }
  }

  /**
   * Runs a cached op: graph input {@code i} is {@code x} where {@code binding[i] < 0}, else
   * {@code parameter.apply(binding[i])}; MXNet's training flag is {@code training} for the call.
   */
  static MxNDArray[] invoke(Pointer op, int[] binding, NDArray x, IntFunction<NDArray> parameter,
      boolean training) {
    MxNDArray[] inputs = new MxNDArray[binding.length];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = (MxNDArray) (binding[i] < 0 ? x : parameter.apply(binding[i]));
    }
    boolean wasTraining = JnaUtils.autogradSetTraining(training);
    try {
      return JnaUtils.cachedOpInvoke((MxNDManager) x.getManager(), op, inputs);
    } finally {
      JnaUtils.autogradSetTraining(wasTraining);
    }
  }

  /** The graph of the outputs: one symbol, grouped when the block has several outputs. */
  static Pointer group(NDList out) {
    if (out.size() == 1) {
      return JnaUtils.autogradGetSymbol(out.get(0));
    }
    Pointer[] parts = new Pointer[out.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = JnaUtils.autogradGetSymbol(out.get(i));
    }
    try {
      Memory array = new Memory((long) parts.length * Native.POINTER_SIZE);
      for (int i = 0; i < parts.length; i++) {
        array.setPointer((long) i * Native.POINTER_SIZE, parts[i]);
      }
      PointerByReference in = new PointerByReference();
      in.setPointer(array);
      PointerByReference ref = new PointerByReference();
      check(LIB.MXSymbolCreateGroup(parts.length, in, ref));
      return ref.getValue();
    } finally {
      for (Pointer p : parts) {
        JnaUtils.freeSymbol(p);
      }
    }
  }

  /**
   * A cached op of {@code symbol}; graph inputs with {@code binding < 0} are data, the others
   * parameters.
   *
   * @param staticMemory MXNet's {@code static_alloc} and {@code static_shape}
   */
  static Pointer cachedOp(Pointer symbol, int[] binding, boolean staticMemory) {
    List<Integer> data = new ArrayList<>();
    List<Integer> params = new ArrayList<>();
    for (int i = 0; i < binding.length; i++) {
      (binding[i] < 0 ? data : params).add(i);
    }
    String[] keys = {"data_indices", "param_indices", "static_alloc", "static_shape"};
    String fixed = Boolean.toString(staticMemory);
    String[] values = {data.toString(), params.toString(), fixed, fixed};
    PointerByReference ref = new PointerByReference();
    check(LIB.MXCreateCachedOpEx(symbol, keys.length, keys, values, ref));
    return ref.getValue();
  }

  private static void check(int rc) {
    if (rc != 0) {
      throw MxGraph.unsupported(LIB.MXGetLastError());
    }
  }

}
