package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.method.Alternation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryListenerTest {
  @Test
  void searchAndEpochFiguresBecomeRowsInThePhasesAndTheRunsHistory() throws Exception {
    SaConfig c = ConfigLoader.load(null, List.of()).config();
    Phase.Spec spec = new Phase.Spec("HGs+SA", "sa", 3, c.sa().schedule(), new Alternation(true, true, 1.0, false), 1);
    Rows mine = new Rows("variant", "phase", "epoch", "metric", "value");
    Rows history = new Rows("variant", "phase", "epoch", "metric", "value");
    HistoryListener h = new HistoryListener(mine, history);
    LabelStats noTruth = new LabelStats(0.5, 1.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    h.onSearch(spec, 2, new TrainingListener.SearchReport(3.0, 0.25, noTruth), null);
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("val_nme", 4.0);
    h.onEpoch(new TrainingListener.Epoch(spec, 2, 0.01, 1e-3, 9.0, scores, null, null));
    assertThat(mine.rows()).isEqualTo(history.rows());
    assertThat(mine.rows()).extracting(r -> r.get(3)).containsExactly("search_only_seconds", "search_seconds",
        "label_move", "label_vs_human", "train_loss", "lr", "epoch_seconds", "val_nme");
    assertThat(mine.rows().get(0)).containsExactly("HGs+SA", "sa", "2", "search_only_seconds", "0.250000");
  }
}
