package dev.sa.app.train;

import ai.djl.engine.Engine;
import dev.sa.app.config.Choices;

/** Choosing the DJL engine of a process (config key {@code engine}). */
public final class Engines {
  private Engines() {}

  /**
   * Makes {@code engine} DJL's default engine for this process, so that arrays made by plugins
   * through {@code NDManager.newBaseManager()} live on the network's engine. DJL fixes its default
   * when its {@code Engine} class loads, so call this before the first DJL call. The engine
   * threads are those of {@code threads: 0} (see {@link EngineThreads}).
   *
   * @return the engine thread count in effect
   * @throws IllegalStateException if the engine is not on the class path or DJL already chose
   *     another default
   */
  public static EngineThreads.Applied select(Choices.Engine engine) {
    return select(engine, 0, false);
  }

  /**
   * Like {@link #select(Choices.Engine)}, with the engine's thread count set first.
   *
   * @param engine the config's engine
   * @param threads the config's {@code threads} (see {@link EngineThreads})
   * @param smallStep whether the process trains a small network ({@link EngineThreads#smallStep})
   * @return the engine thread count in effect
   */
  public static EngineThreads.Applied select(Choices.Engine engine, int threads, boolean smallStep) {
    EngineThreads.Applied applied = EngineThreads.apply(threads, smallStep);
    String name = engine.djlName();
    System.setProperty("ai.djl.default_engine", name);
    // The natives come from jars on the class path; never download them at run time.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (!Engine.hasEngine(name)) {
      throw new IllegalStateException("engine: " + engine.configName() + " is not on the class path; engines present: "
          + Engine.getAllEngines());
    }
    if (!Engine.getDefaultEngineName().equals(name)) {
      throw new IllegalStateException("engine: DJL already started with " + Engine.getDefaultEngineName()
          + "; choose the engine before the first DJL call");
    }
    return applied;
  }
}
