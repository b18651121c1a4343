package dev.sa.app.cluster;

import dev.sa.app.run.Experiment;
import dev.sa.app.run.Progress;
import dev.sa.app.train.EngineThreads;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link PartWorker} child process of the {@link LocalPool}, with a fixed engine thread count:
 * it is given a part at a time ({@link #assign}); its output goes to the part's log and, prefixed
 * with the part's name, to the user; when the part ends (or the process dies in it) an
 * {@link Ended} is put on the pool's queue.
 */
final class WorkerProcess {
  /** A part that ended in {@code worker}: its exit code (the process's if it died) and time. */
  record Ended(WorkerProcess worker, Job job, int exit, double seconds, Path log) {}

  private record Current(Job job, Path log, PrintWriter out, long started) {}

  private final Process process;
  private final int threads;
  private final BufferedWriter stdin;
  private final BlockingQueue<Ended> ended;
  private final Progress progress;
  /** The part in progress; taken (set to null) exactly once when it ends, by whoever sees the end first. */
  private final AtomicReference<Current> current = new AtomicReference<>();
  private int parts;

  private WorkerProcess(Process process, int threads, BlockingQueue<Ended> ended, Progress progress) {
    this.process = process;
    this.threads = threads;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.ended = ended;
    this.progress = progress;
  }

  /** Starts a worker with {@code threads} engine threads ({@link EngineThreads#POOL_VARIABLE}). */
  static WorkerProcess start(List<String> launcher, int threads, BlockingQueue<Ended> ended, Progress progress)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(PartWorker.command(launcher)).redirectErrorStream(true);
    pb.environment().put(EngineThreads.POOL_VARIABLE, Integer.toString(threads));
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    WorkerProcess w = new WorkerProcess(pb.start(), threads, ended, progress);
    Thread relay = new Thread(w::relay, "relay-" + w.pid());
    relay.setDaemon(true);
    relay.start();
    return w;
  }

  int threads() {
    return threads;
  }

  long pid() {
    return process.pid();
  }

  /** How many parts this worker was given before the one it runs now. */
  int partsBefore() {
    return parts - 1;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Gives the worker {@code job}; its output goes to {@code <its run folder>/parts/<part>.log}. */
  void assign(Job job) throws IOException {
    Path logDir = job.folder().resolve(Experiment.PARTS);
    Files.createDirectories(logDir);
    Path log = logDir.resolve(job.part() + ".log");
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8));
    Current c = new Current(job, log, out, System.nanoTime());
    current.set(c);
    parts++;
    try {
      stdin.write(PartWorker.encode(job.saArgs()));
      stdin.newLine();
      stdin.flush();
    } catch (IOException e) {
      // the process died before it read the part (its relay may have ended already): the part fails
      progress.relay("[" + job.name() + "] (could not hand the part to its process: " + e.getMessage() + ")");
      end(c, exitCode());
    }
  }

  /** Ends the worker after its current part: no more input. */
  void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Ends the worker at once (a stopped pool: a part killed at any moment resumes from its checkpoint). */
  void kill() {
    process.destroyForcibly();
  }

  /** Waits up to {@code seconds} for the process to end after {@link #close}, then kills it. */
  void awaitEnd(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void relay() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Integer exit = PartWorker.exitOf(line);
        Current c = current.get();
        if (exit != null && c != null) {
          end(c, exit);
        } else if (c != null) {
          c.out().println(line);
          c.out().flush();
          progress.relay("[" + c.job().name() + "] " + line);
        } else {
          progress.relay("[pid " + pid() + "] " + line);
        }
      }
    } catch (IOException e) {
      Current c = current.get();
      progress.relay("[" + (c == null ? "pid " + pid() : c.job().name()) + "] (output lost: " + e.getMessage() + ")");
    }
    Current c = current.get();
    if (c != null) {
      end(c, exitCode());   // the process died in the middle of a part
    }
  }

  /** The process's exit code once it ended (up to 30 s), 1 where it gives 0 or none. */
  private int exitCode() {
    try {
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() != 0) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }

  /** Reports {@code c} as ended, unless its end was reported already. */
  private void end(Current c, int exit) {
    if (!current.compareAndSet(c, null)) {
      return;
    }
    c.out().close();
    ended.add(new Ended(this, c.job(), exit, (System.nanoTime() - c.started()) / 1e9, c.log()));
  }

  /**
   * The worker processes of one pool: idle ones kept for the next part with their thread count, at
   * most {@code maxJobs} alive, every one ended when the pool ends (killed if the JVM stops).
   */
  static final class Workers implements AutoCloseable {
    private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private final List<String> launcher;
    private final int maxJobs;
    private final Progress progress;
    // A stopped pool stops its parts at once: a part killed at any moment resumes from its last
    // checkpoint (the same guarantee as kill -9 of a whole run), and a JVM asked to end politely
    // was once seen to train on for minutes.
    private final Thread hook = new Thread(() -> all.forEach(WorkerProcess::kill));

    Workers(List<String> launcher, int maxJobs, Progress progress) {
      this.launcher = launcher;
      this.maxJobs = maxJobs;
      this.progress = progress;
      Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * An idle worker with {@code threads} engine threads, else a new one (ending an idle worker
     * first when {@code running} parts and the idle workers fill {@code maxJobs}).
     */
    WorkerProcess take(int threads, int running) throws IOException {
      idle.removeIf(w -> !w.alive());
      for (var it = idle.iterator(); it.hasNext();) {
        WorkerProcess w = it.next();
        if (w.threads() == threads) {
          it.remove();
          return w;
        }
      }
      if (!idle.isEmpty() && idle.size() + running >= maxJobs) {
        idle.removeFirst().close();
      }
      WorkerProcess w = start(launcher, threads, ended, progress);
      all.add(w);
      return w;
    }

    /** A worker whose part succeeded: kept for the next part. */
    void release(WorkerProcess w) {
      idle.addLast(w);
    }

    /** Waits for the next part to end. */
    Ended next() throws InterruptedException {
      return ended.take();
    }

    /** Ends every worker politely (no more input), waiting up to a minute for each. */
    void finish() throws InterruptedException {
      all.forEach(WorkerProcess::close);
      for (WorkerProcess w : all) {
        w.awaitEnd(60);
      }
    }

    /** Kills what is still alive (no-op for ended processes). */
    @Override
    public void close() {
      all.forEach(WorkerProcess::kill);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
  }
}
