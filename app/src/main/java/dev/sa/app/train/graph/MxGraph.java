package dev.sa.app.train.graph;

import ai.djl.Device;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.Symbol;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MXNet only: a block's forward pass recorded once as one MXNet graph and replayed as a
 * {@code CachedOp}, as Gluon's {@code hybridize(static_alloc=True, static_shape=True)} does
 * ({@code staticMemory}; without it, as {@code hybridize()}: memory from MXNet's pool per call).
 *
 * <p>Why: DJL runs an MXNet network one operator at a time, each a JNA call, a new Java array and
 * an autograd record; the hourglass has about 400 of them per forward pass, which on small maps
 * costs more than the arithmetic (bench/README.md). A {@code CachedOp} runs the whole graph with one
 * call, plans its memory once and records one autograd node, whose backward pass is the graph's.
 * (MXNet's graph executor, which plans forward and backward together, needed about 9% less
 * memory at 256 px but read freed memory in a test with {@code MALLOC_PERTURB_}; it was dropped,
 * bench/README.md finding 18.)
 *
 * <p>How: the block runs once, on copies of its parameters and the first face of the input, with
 * autograd recording; MXNet's {@code MXAutogradGetSymbol} returns the recorded graph. The copies
 * are marked as autograd variables in a known order (input first, then
 * {@code block.getParameters()}), so MXNet names them {@code var<k>} with consecutive {@code k},
 * which binds each graph input back to its parameter. Side effects of the recording run
 * (BatchNorm's running averages) land on the copies. One face suffices because MXNet graphs take
 * their shapes from their inputs, and recording keeps every intermediate array for autograd (a
 * batch of 8 at 256 px held 1.8 GB); a block that fixes the batch size inside its graph (DJL's
 * {@code batchFlatten} reshapes to the recording's batch) fails the shape check on the first real
 * batch and is recorded again with the whole batch. The graph is built from the recorded symbol's
 * JSON, whose nodes hold none of the recording run's arrays (the symbol's own nodes keep every one
 * for autograd), and the recording run is released before the graph first runs. One graph per
 * (input shape, training flag), the last {@link #MAX_GRAPHS} kept, all of the kind last run (see
 * {@link #forward}), a dropped one rebuilt from its JSON ({@link CompiledGraph.Recipe}); the
 * training flag matters because DJL blocks may emit different operators when training. Inference
 * graphs on the CPU also go through oneDNN's subgraph pass (fused convolution, BatchNorm, ReLU,
 * sums).
 *
 * <p>Guard: each new graph is run once on the recording's own copies and must reproduce the
 * recorded outputs (to 1e-4 of their largest value), else it is refused with {@link NetGraph.Unsupported}
 * (a fused graph falls back to the unfused one; an unfused one to operator by operator); its first
 * run on a real batch must give the recorded output shapes for that batch. A block that makes
 * arrays inside its forward pass (a constant from {@code manager.ones}) leaves graph inputs that
 * bind to no parameter and is refused the same way.
 *
 * <p>Every replay reads the parameters from the {@link ParameterStore} as the block would, so
 * optimiser updates, loaded checkpoints and BatchNorm's running averages (updated in place by the
 * graph in training mode) stay shared with the block: saving, loading and the imperative path see
 * the same arrays.
 */
final class MxGraph implements NetGraph {
  /** Graphs kept per network, all of one kind (training or inference): a full and a last partial batch. */
  static final int MAX_GRAPHS = 2;
  /** Faces in the recording run; the graph is then bound to the batch it runs on. */
  static final int RECORD_BATCH = 1;
  private static final Pattern VAR = Pattern.compile("var(\\d+)");

  private final Block block;
  private final boolean staticMemory;
  private final List<Parameter> parameters = new ArrayList<>();
  private final Map<Key, CompiledGraph> graphs = new LinkedHashMap<>(8, 0.75f, true);
  /** Every graph built so far, by key: rebuilt from its checked JSON when needed again. */
  private final Map<Key, CompiledGraph.Recipe> recipes = new HashMap<>();
  /** Recording runs so far (for tests: one per key). */
  private int recordings;

  private record Key(Shape shape, boolean training) {}

  /**
   * @param staticMemory plan the graph's memory once and keep it (MXNet's {@code static_alloc} and
   *     {@code static_shape}), else take it from MXNet's pool at every call
   */
  MxGraph(Block block, boolean staticMemory) {
    this.block = block;
    this.staticMemory = staticMemory;
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.add(p.getValue());
    }
  }

  @Override
  public void sync() {
    JnaUtils.waitAll();
  }

  /** The block's output for {@code x}, as {@code block.forward(store, x, training)} would give. */
  @Override
  public NDList forward(ParameterStore store, NDArray x, boolean training) {
    // Keep only graphs of the kind now running. Training changes the weights, which fused inference
    // kernels would not see (measured: predictions of the weights before the step); and with
    // static memory every graph holds its buffers, which at 256 px added 2.6 GB to the peak
    // (bench/README.md). A graph of the other kind is built again from its recipe when next
    // needed, a few times per epoch (validation, the agreement check, the search pass).
    graphs.entrySet().removeIf(e -> {
      boolean drop = e.getKey().training() != training;
      if (drop) {
        e.getValue().free();
      }
      return drop;
    });
    Key key = new Key(x.getShape(), training);
    long batch = x.getShape().get(0);
    CompiledGraph g = graphs.get(key);
    if (g == null) {
      CompiledGraph.Recipe known = recipes.get(key);
      g = known != null ? rebuild(x, known) : compile(store, x, training, Math.min(batch, RECORD_BATCH));
      recipes.put(key, g.recipe());
      graphs.put(key, g);
      if (graphs.size() > MAX_GRAPHS) {
        var eldest = graphs.entrySet().iterator().next();
        eldest.getValue().free();
        graphs.remove(eldest.getKey());
      }
    }
    try {
      return run(g, store, x, training);
    } catch (NetGraph.Unsupported e) {
      if (g.verified() || g.recipe().recordBatch() == batch) {
        throw e;
      }
      // The block fixed the recording's batch size in its graph (DJL's batchFlatten does): record
      // again with the whole batch.
      graphs.remove(key).free();
      g = compile(store, x, training, batch);
      recipes.put(key, g.recipe());
      graphs.put(key, g);
      return run(g, store, x, training);
    }
  }

  /** For tests: recording runs so far, and the keys (input shape, training flag) graphs were built for. */
  int recordings() {
    return recordings;
  }

  int keys() {
    return recipes.size();
  }

  /** For tests: the faces each kept training graph was recorded on. */
  List<Long> trainingGraphs() {
    List<Long> out = new ArrayList<>();
    graphs.forEach((k, g) -> {
      if (k.training()) {
        out.add(g.recipe().recordBatch());
      }
    });
    return out;
  }

  /** A graph's forward pass on {@code x}; the first call on a real batch also checks the shapes. */
  private NDList run(CompiledGraph g, ParameterStore store, NDArray x, boolean training) {
    Device device = x.getDevice();
    try {
      NDList out = new NDList(MxOps.invoke(g.op(), g.recipe().binding(), x, b -> store.getValue(parameters.get(b), device, training),
          training));
      return g.verify(out, x.getShape().get(0));
    } catch (ai.djl.engine.EngineException e) {
      if (g.verified()) {
        throw e;
      }
      throw unsupported("the graph does not run on a batch of " + x.getShape().get(0) + ": " + e.getMessage());
    }
  }

  /**
   * The graph of the block for {@code x}'s shape and {@code training}, recorded on the first
   * {@code recordBatch} faces; on the CPU, inference graphs fused by oneDNN (else unfused).
   */
  private CompiledGraph compile(ParameterStore store, NDArray x, boolean training, long recordBatch) {
    if (!training && x.getDevice().getDeviceType().equals(Device.Type.CPU)) {
      try {
        return compile(store, x, false, true, recordBatch);
      } catch (NetGraph.Unsupported e) {
        return compile(store, x, false, false, recordBatch); // the unfused graph, or Unsupported
      }
    }
    return compile(store, x, training, false, recordBatch);
  }

  private CompiledGraph compile(ParameterStore store, NDArray x, boolean training, boolean fuse, long recordBatch) {
    try {
      return record(store, x, training, fuse, recordBatch);
    } catch (ai.djl.engine.EngineException e) {
      throw unsupported(e.getMessage());
    }
  }

  /** What a recording run leaves: the graph's JSON, its input and parameter copies, and its outputs. */
  private record Trace(String json, NDArray input, Map<Parameter, NDArray> copies, NDList recorded) {}

  private CompiledGraph record(ParameterStore store, NDArray x, boolean training, boolean fuse, long recordBatch) {
    Device device = x.getDevice();
    try (NDManager trace = x.getManager().newSubManager()) {
      Trace t = trace(trace, store, x, training, recordBatch);
      Symbol graph = Symbol.loadJson((MxNDManager) trace, t.json());
      if (fuse) {
        // Inference only: oneDNN's subgraph pass fuses convolution, BatchNorm, ReLU and sums.
        graph = graph.optimizeFor("MKLDNN", device);
      }
      int[] binding = binding(graph.getAllNames());
      Pointer op = MxOps.cachedOp(graph.getHandle(), binding, staticMemory);
      try {
        check(op, binding, t.input(), t.copies(), t.recorded(), training);
      } catch (RuntimeException e) {
        JnaUtils.freeCachedOp(op);
        throw e;
      }
      return new CompiledGraph(op, new CompiledGraph.Recipe(t.json(), fuse, binding, shapesOf(t.recorded()), recordBatch));
    }
  }

  /** A graph built before, from its recipe: no recording run, no check (its first real batch is verified again). */
  private CompiledGraph rebuild(NDArray x, CompiledGraph.Recipe r) {
    try (NDManager m = x.getManager().newSubManager()) {
      Symbol graph = Symbol.loadJson((MxNDManager) m, r.json());
      if (r.fuse()) {
        graph = graph.optimizeFor("MKLDNN", x.getDevice());
      }
      return new CompiledGraph(MxOps.cachedOp(graph.getHandle(), r.binding(), staticMemory), r);
    } catch (ai.djl.engine.EngineException e) {
      throw unsupported(e.getMessage());
    }
  }

  /**
   * Runs the block once with autograd recording, on copies (attached to {@code trace}) of its
   * parameters and of the first {@code recordBatch} faces of {@code x}, and returns the recorded
   * graph as JSON. The recording run's arrays live in their own manager, closed before the graph
   * is built: the recorded symbol's nodes hold every intermediate array (autograd keeps them for
   * its backward pass), so the graph is rebuilt from the symbol's JSON, which holds none.
   */
  private Trace trace(NDManager trace, ParameterStore store, NDArray x, boolean training, long recordBatch) {
    recordings++;
    Map<Parameter, NDArray> copies = new IdentityHashMap<>();
    NDList recorded = new NDList();
    try (NDManager run = trace.newSubManager()) {
      // One face: the graph does not depend on the batch size, and recording keeps every
      // intermediate array of the run for autograd (1.8 GB for a batch of 8 at 256 px).
      NDArray traced = (recordBatch == x.getShape().get(0) ? x : x.get("0:" + recordBatch)).duplicate();
      traced.attach(run);
      List<NDArray> marked = new ArrayList<>();
      marked.add(traced);
      for (Parameter p : parameters) {
        NDArray c = store.getValue(p, x.getDevice(), training).duplicate();
        c.attach(trace);
        copies.put(p, c);
        marked.add(c);
      }
      // One MarkVariables call per array, in order: MXNet names them var<k>, var<k+1>, ...
      for (NDArray a : marked) {
        a.setRequiresGradient(true);
      }
      NDList out = MxOps.recording(training, () -> block.forward(copiesStore(run, copies), new NDList(traced), training));
      Pointer symbol = MxOps.group(out);
      String json;
      try {
        json = JnaUtils.getSymbolString(symbol);
      } finally {
        JnaUtils.freeSymbol(symbol);
      }
      for (NDArray o : out) {
        NDArray keep = o.duplicate();
        keep.attach(trace);
        recorded.add(keep);
      }
      NDArray input = traced.duplicate();
      input.attach(trace);
      return new Trace(json, input, copies, recorded);
    }
  }

  /** A store that hands out the recording's parameter copies. */
  private static ParameterStore copiesStore(NDManager run, Map<Parameter, NDArray> copies) {
    return new ParameterStore(run, false) {
      @Override
      public NDArray getValue(Parameter parameter, Device d, boolean t) {
        if (parameter == null) {
          return null; // as ParameterStore: an absent optional parameter (a conv without bias)
        }
        NDArray c = copies.get(parameter);
        if (c == null) {
          throw unsupported("the block asked for a parameter it does not list: " + parameter.getName());
        }
        return c;
      }
    };
  }

  /**
   * Per graph input (named {@code var<k>} in marking order: the input, then the parameters), -1
   * for the block's input or the parameter's index.
   */
  private int[] binding(String[] names) {
    int[] index = new int[names.length];
    int base = Integer.MAX_VALUE;
    for (int i = 0; i < names.length; i++) {
      Matcher m = VAR.matcher(names[i]);
      if (!m.matches()) {
        throw unsupported("graph input '" + names[i]
            + "' is not one of the block's parameters (an array made inside forward?)");
      }
      index[i] = Integer.parseInt(m.group(1));
      base = Math.min(base, index[i]);
    }
    int[] binding = new int[names.length];
    boolean sawInput = false;
    for (int i = 0; i < names.length; i++) {
      binding[i] = index[i] - base - 1;
      sawInput |= binding[i] == -1;
      if (binding[i] >= parameters.size()) {
        throw unsupported("graph input '" + names[i] + "' cannot be bound to a parameter");
      }
    }
    if (!sawInput) {
      throw unsupported("the recorded graph does not read its input");
    }
    return binding;
  }

  /**
   * Guards the binding: the new graph, run on the recording's own input and parameter copies,
   * must give the recorded outputs (a wrong binding gives other numbers or a shape error).
   */
  private void check(Pointer op, int[] binding, NDArray input, Map<Parameter, NDArray> copies, NDList recorded,
      boolean training) {
    boolean wasRecording = JnaUtils.autogradSetIsRecording(false);
    try {
      MxNDArray[] out = MxOps.invoke(op, binding, input, b -> copies.get(parameters.get(b)), training);
      if (out.length != recorded.size()) {
        throw unsupported("the graph gives " + out.length + " outputs, the block " + recorded.size());
      }
      for (int i = 0; i < out.length; i++) {
        if (!out[i].getShape().equals(recorded.get(i).getShape())) {
          throw unsupported("output " + i + " of the graph has shape " + out[i].getShape() + ", the block's "
              + recorded.get(i).getShape());
        }
        // Fused kernels round differently; a wrong binding is off by the size of the values.
        float diff = out[i].sub(recorded.get(i)).abs().max().getFloat();
        float scale = recorded.get(i).abs().max().getFloat();
        if (!(diff <= 1e-4f * scale + 1e-6f)) {
          throw unsupported("output " + i + " of the graph differs from the block's by up to " + diff
              + " (largest value " + scale + ")");
        }
      }
    } catch (ai.djl.engine.EngineException e) {
      throw unsupported("the graph does not run on the block's arrays: " + e.getMessage());
    } finally {
      JnaUtils.autogradSetIsRecording(wasRecording);
    }
  }

  private static Shape[] shapesOf(NDList arrays) {
    return arrays.stream().map(NDArray::getShape).toArray(Shape[]::new);
  }

  /** The refusal of a block that cannot run as one MXNet graph. */
  static NetGraph.Unsupported unsupported(String message) {
    return new NetGraph.Unsupported("MXNet graph: " + message);
  }

  @Override
  public void close() {
    for (CompiledGraph g : graphs.values()) {
      g.free();
    }
    graphs.clear();
  }
}
