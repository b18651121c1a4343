package dev.sa.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void configValueWinsOverTheEnvironment() {
    assertEquals(new EngineThreads.Applied(3, "config"), EngineThreads.resolve(3, Map.of("OMP_NUM_THREADS", "1"), 8));
  }

  @Test
  void zeroTakesTheUsersEnvironmentWhenSet() {
    assertEquals(new EngineThreads.Applied(1, "OMP_NUM_THREADS"),
        EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", " 1 "), 8));
  }

  @Test
  void zeroWithoutEnvironmentIsEveryCore() {
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of(), 8));
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", "many"), 8));
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", "0"), 8));
  }

  @Test
  void aPartsShareWinsOverConfigAndEnvironment() {
    // sa run starts the parts it runs side by side with their share of the cores
    assertEquals(new EngineThreads.Applied(1, "part's share"),
        EngineThreads.resolve(4, Map.of(EngineThreads.POOL_VARIABLE, "1", "OMP_NUM_THREADS", "2"), 8));
    assertEquals(new EngineThreads.Applied(4, "config"),
        EngineThreads.resolve(4, Map.of(EngineThreads.POOL_VARIABLE, "none"), 8));
  }

  @Test
  void runInfoFormat() {
    assertEquals("2 (cores)", new EngineThreads.Applied(2, "cores").toString());
  }
}
