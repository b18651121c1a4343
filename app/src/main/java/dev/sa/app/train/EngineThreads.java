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
 *
 * <p>A process that trains a small network (a training batch of fewer than
 * {@link #SMALL_STEP_PIXELS} input pixels: 64 px crops in batches of 8) gets one engine thread where
 * the count would come from the cores (and {@code sa run} gives its parts a share of one core for
 * such a config), because there MXNet's threads cost more than they gain: its operators are too
 * small to split, and every operator waits at an OpenMP barrier for a thread that the data workers
 * may have preempted. Measured on a 2-core machine, whole epochs of the synthetic faces, one thread
 * against two: 0.64-0.90x the time at 64 px (batch 8), 0.98x at 128 px, 1.76x at 256 px
 * (docs/findings.md, session 14). A {@code threads} value, {@code OMP_NUM_THREADS} or a part's share
 * is taken as given.
 */
public final class EngineThreads {
  /** libgomp's spin count used unless the user sets GOMP_SPINCOUNT or OMP_WAIT_POLICY (see class). */
  static final String SPIN_COUNT = "10000";

  /**
   * Set by {@code sa run} for the processes that run a run's parts side by side
   * (the local pool of {@code sa run}): the part's share of the cores, which wins over the config.
   */
  public static final String POOL_VARIABLE = "SA_PART_THREADS";

  /** Input pixels of a training batch (side x side x batch) below which training takes one thread. */
  public static final long SMALL_STEP_PIXELS = 1L << 17;

  /** Where the count came from when nothing set it: every core. */
  public static final String CORES = "cores";

  /** Where the count came from when the small-step rule (see class) set it to one. */
  static final String SMALL_STEP = "one for a small training step";

  private static Applied applied;

  private EngineThreads() {}

  /**
   * The count in effect and where it came from.
   *
   * @param threads engine threads
   * @param source {@code config}, {@code OMP_NUM_THREADS}, {@code cores}, {@code part's share} or
   *     {@link #SMALL_STEP}
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
   * @param smallStep whether the process trains a small network ({@link #smallStep})
   */
  public static synchronized Applied apply(int configured, boolean smallStep) {
    Applied want = planned(configured, smallStep);
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
  public static Applied planned(int configured, boolean smallStep) {
    return resolve(configured, System.getenv(), Runtime.getRuntime().availableProcessors(), smallStep);
  }

  /**
   * Whether a training batch of {@code batch} crops of {@code side} x {@code side} pixels is small
   * enough for one engine thread (see class).
   */
  public static boolean smallStep(int side, int batch) {
    return (long) side * side * batch < SMALL_STEP_PIXELS;
  }

  /** The count for a config value, an environment and a core count (see the class comment). */
  static Applied resolve(int configured, Map<String, String> env, int cores, boolean smallStep) {
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
    return smallStep && cores > 1 ? new Applied(1, SMALL_STEP) : new Applied(Math.max(1, cores), CORES);
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
