package dev.sa.app.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;

/**
 * The engine's thread count (config key {@code threads}), set before the engine's native library
 * loads.
 *
 * <p>MXNet, its oneDNN kernels and GNU OpenMP read {@code OMP_NUM_THREADS} once, when the library is
 * loaded; unset, MXNet takes half the cores (it assumes hyper-threads). A JVM cannot change its
 * environment through Java, so this sets the variable in the process's C environment
 * ({@code setenv(3)} through JNA, which DJL already brings) before the first DJL engine call. The
 * same goes for {@code GOMP_SPINCOUNT}: how long an idle OpenMP thread spins before it sleeps.
 * libgomp's default (300,000 spins, several hundred microseconds) wastes a core that another
 * process needs; a shorter spin keeps the threads responsive between operators on an idle machine.
 *
 * <p>Precedence: the share of a part run side by side with others ({@link #POOL_VARIABLE}); a
 * {@code threads} value above 0; else {@code OMP_NUM_THREADS} from the user's
 * environment (as on a Slurm node, where the job script sets it from the CPUs granted); else every
 * core the JVM may use.
 */
public final class EngineThreads {
  /** libgomp's spin count used unless the user sets GOMP_SPINCOUNT or OMP_WAIT_POLICY (see class). */
  static final String SPIN_COUNT = "10000";

  /**
   * Set by {@code sa run} for the processes that run a run's parts side by side
   * (the local pool of {@code sa run}): the part's share of the cores, which wins over the config.
   */
  public static final String POOL_VARIABLE = "SA_PART_THREADS";

  private static Applied applied;

  private EngineThreads() {}

  /**
   * The count in effect and where it came from.
   *
   * @param threads engine threads
   * @param source {@code config}, {@code OMP_NUM_THREADS} or {@code cores}
   */
  public record Applied(int threads, String source) {
    /** For run-info.csv: e.g. {@code 2 (cores)}. */
    @Override
    public String toString() {
      return threads + " (" + source + ")";
    }
  }

  private interface CLib extends Library {
    int setenv(String name, String value, int overwrite);
  }

  /**
   * Resolves and applies the count. Only the first call of a process reaches the engine (it reads
   * the variables once); a later call with another count logs a warning and reports the first.
   *
   * @param configured the config's {@code threads}: 0 = as the environment says, else every core
   */
  public static synchronized Applied apply(int configured) {
    Applied want = planned(configured);
    if (applied != null) {
      if (applied.threads() != want.threads()) {
        System.err.println("sa: warning: threads: the engine already runs with " + applied + " in this process; "
            + want.threads() + " takes effect in a new process");
      }
      return applied;
    }
    CLib c = Native.load("c", CLib.class);
    c.setenv("OMP_NUM_THREADS", Integer.toString(want.threads()), 1);
    Map<String, String> env = System.getenv();
    if (!env.containsKey("GOMP_SPINCOUNT") && !env.containsKey("OMP_WAIT_POLICY")) {
      c.setenv("GOMP_SPINCOUNT", SPIN_COUNT, 0);
    }
    applied = want;
    return applied;
  }

  /** The count applied in this process, or empty before the engine was chosen. */
  public static synchronized java.util.Optional<Applied> current() {
    return java.util.Optional.ofNullable(applied);
  }

  /** The count {@link #apply} would set for {@code configured} in this process. */
  public static Applied planned(int configured) {
    return resolve(configured, System.getenv(), Runtime.getRuntime().availableProcessors());
  }

  /** The count for a config value, an environment and a core count (see the class comment). */
  static Applied resolve(int configured, Map<String, String> env, int cores) {
    Integer share = count(env.get(POOL_VARIABLE));
    if (share != null) {
      return new Applied(share, "part's share");
    }
    if (configured > 0) {
      return new Applied(configured, "config");
    }
    Integer omp = count(env.get("OMP_NUM_THREADS"));
    if (omp != null) {
      return new Applied(omp, "OMP_NUM_THREADS");
    }
    return new Applied(Math.max(1, cores), "cores");
  }

  /** A positive count, or null for none or not a count (then the next source decides). */
  private static Integer count(String value) {
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
