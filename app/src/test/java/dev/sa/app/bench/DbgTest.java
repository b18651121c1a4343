package dev.sa.app.bench;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
class DbgTest {
  @Test
  void dbg() {
    try (NDManager m = NDManager.newBaseManager("MXNet")) {
      for (int side : new int[] {8, 32}) {
      NDArray x = m.randomNormal(new Shape(8, 128, side, side));
      x.setRequiresGradient(true);
      for (String how : new String[] {"repeat", "upsampling", "repeat", "upsampling"}) {
        long best = Long.MAX_VALUE, bestF = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
          try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getEngine("MXNet").newGradientCollector()) {
            long t0 = System.nanoTime();
            NDArray y;
            if (how.equals("repeat")) {
              y = x.repeat(2, 2).repeat(3, 2);
            } else {
              PairList<String, Object> p = new PairList<>();
              p.add("scale", 2); p.add("sample_type", "nearest"); p.add("num_args", 1);
              y = m.invoke("UpSampling", new NDList(x), p).singletonOrThrow();
            }
            y.attach(s);
            y.sum().getFloat();
            long t1 = System.nanoTime();
            gc.backward(y.sum());
            x.getGradient().sum().getFloat();
            long t2 = System.nanoTime();
            bestF = Math.min(bestF, t1 - t0); best = Math.min(best, t2 - t0);
          }
        }
        System.out.println("side " + side + " " + how + " fwd " + bestF / 1e6 + " ms, fwd+bwd " + best / 1e6 + " ms");
      }
      }
    }
  }
}
