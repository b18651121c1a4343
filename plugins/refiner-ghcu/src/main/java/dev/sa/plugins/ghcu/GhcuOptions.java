package dev.sa.plugins.ghcu;

import java.util.Locale;

/**
 * The {@code options:} block of the {@code ghcu} refiner. Missing keys arrive as {@code null} and
 * take the defaults below.
 *
 * @param loss {@code l1} (default) or {@code mse}, on coordinates normalised by the heatmap side h
 * @param lr Adam learning rate, default {@code 1e-3}, in (0, 1]
 * @param epochs passes over the training faces, default 30, in 1..10000
 * @param batch faces per step, default 32, in 2..4096 (BatchNorm needs at least 2)
 * @param residual {@code false} (default, the paper's Table 1: regress absolute coordinates);
 *     {@code true}: the CNN regresses a correction added to the decoded prediction
 * @param schedule learning rate over the steps: {@code cosine} (default; decays from lr to lr / 100)
 *     or {@code constant}. The paper gives no GHCU schedule; the decay settles the noisy late steps
 */
public record GhcuOptions(String loss, Double lr, Integer epochs, Integer batch, Boolean residual, String schedule) {
  /** Loss names accepted by {@code loss}. */
  public static final String L1 = "l1";

  public static final String MSE = "mse";

  /** Schedule names accepted by {@code schedule}. */
  public static final String COSINE = "cosine";

  public static final String CONSTANT = "constant";

  public GhcuOptions {
    loss = loss == null ? L1 : loss.trim().toLowerCase(Locale.ROOT);
    if (!loss.equals(L1) && !loss.equals(MSE)) {
      throw new IllegalArgumentException("options.loss: '" + loss + "' is not valid; use l1 or mse");
    }
    lr = lr == null ? 1e-3 : lr;
    if (!(lr > 0 && lr <= 1)) {
      throw new IllegalArgumentException("options.lr: " + lr + " is outside (0, 1]");
    }
    epochs = epochs == null ? 30 : epochs;
    if (epochs < 1 || epochs > 10_000) {
      throw new IllegalArgumentException("options.epochs: " + epochs + " is outside 1..10000");
    }
    batch = batch == null ? 32 : batch;
    if (batch < 2 || batch > 4096) {
      throw new IllegalArgumentException("options.batch: " + batch + " is outside 2..4096");
    }
    residual = residual != null && residual;
    schedule = schedule == null ? COSINE : schedule.trim().toLowerCase(Locale.ROOT);
    if (!schedule.equals(COSINE) && !schedule.equals(CONSTANT)) {
      throw new IllegalArgumentException("options.schedule: '" + schedule + "' is not valid; use cosine or constant");
    }
  }

  /** All defaults: the paper's setting. */
  public static GhcuOptions defaults() {
    return new GhcuOptions(null, null, null, null, null, null);
  }
}
