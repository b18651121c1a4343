package dev.sa.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void configValueWinsOverTheEnvironment() {
    assertEquals(new EngineThreads.Applied(3, "config"), EngineThreads.resolve(3, Map.of("OMP_NUM_THREADS", "1"), 8, false));
  }

  @Test
  void zeroTakesTheUsersEnvironmentWhenSet() {
    assertEquals(new EngineThreads.Applied(1, "OMP_NUM_THREADS"),
        EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", " 1 "), 8, false));
  }

  @Test
  void zeroWithoutEnvironmentIsEveryCore() {
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of(), 8, false));
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", "many"), 8, false));
    assertEquals(new EngineThreads.Applied(8, "cores"), EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", "0"), 8, false));
  }

  @Test
  void aPartsShareWinsOverConfigAndEnvironment() {
    // sa run starts the parts it runs side by side with their share of the cores
    assertEquals(new EngineThreads.Applied(1, "part's share"),
        EngineThreads.resolve(4, Map.of(EngineThreads.POOL_VARIABLE, "1", "OMP_NUM_THREADS", "2"), 8, false));
    assertEquals(new EngineThreads.Applied(4, "config"),
        EngineThreads.resolve(4, Map.of(EngineThreads.POOL_VARIABLE, "none"), 8, false));
  }

  @Test
  void aSmallTrainingStepTakesOneThreadInPlaceOfEveryCore() {
    assertEquals(new EngineThreads.Applied(1, EngineThreads.SMALL_STEP), EngineThreads.resolve(0, Map.of(), 8, true));
    assertEquals(new EngineThreads.Applied(1, "cores"), EngineThreads.resolve(0, Map.of(), 1, true));
  }

  @Test
  void aUsersCountOrAPartsShareIsTakenAsGivenForASmallStep() {
    assertEquals(new EngineThreads.Applied(2, "part's share"),
        EngineThreads.resolve(0, Map.of(EngineThreads.POOL_VARIABLE, "2"), 8, true));
    assertEquals(new EngineThreads.Applied(2, "config"), EngineThreads.resolve(2, Map.of(), 8, true));
    assertEquals(new EngineThreads.Applied(2, "OMP_NUM_THREADS"),
        EngineThreads.resolve(0, Map.of("OMP_NUM_THREADS", "2"), 8, true));
  }

  @Test
  void smallStepsAreBatchesBelowTwoToTheSeventeenPixels() {
    assertTrue(EngineThreads.smallStep(64, 8), "the quick-start: 64 px in batches of 8");
    assertTrue(EngineThreads.smallStep(90, 16));
    assertFalse(EngineThreads.smallStep(128, 8), "128 px in batches of 8: 2^17 pixels");
    assertFalse(EngineThreads.smallStep(256, 10), "the paper's 256 px in batches of 10");
    assertFalse(EngineThreads.smallStep(64, 32));
  }

  @Test
  void runInfoFormat() {
    assertEquals("2 (cores)", new EngineThreads.Applied(2, "cores").toString());
  }
}
