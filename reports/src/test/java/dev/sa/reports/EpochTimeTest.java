package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class EpochTimeTest {
    @TempDir
    Path temp;

    @Test
    void anSaEpochSplitsIntoTheSearchPassForwardTheSearchAndTrainingAveragedOverEpochsAndSeeds() throws IOException {
        Path run = temp.resolve("run");
        Fixtures.write(run.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(run.resolve("history.csv"), "variant,phase,epoch,metric,value,seed",
                "HGs+SA,baseline,1,epoch_seconds,9,42", "HGs+SA,baseline,2,epoch_seconds,11,42",
                // seed 42: epochs of 14 s and 16 s, search passes of 4 s and 6 s, searches of 0.1 and 0.3 s
                "HGs+SA,sa,1,epoch_seconds,14,42", "HGs+SA,sa,1,search_seconds,4,42",
                "HGs+SA,sa,1,search_only_seconds,0.1,42",
                "HGs+SA,sa,2,epoch_seconds,16,42", "HGs+SA,sa,2,search_seconds,6,42",
                "HGs+SA,sa,2,search_only_seconds,0.3,42",
                "HGs+SA,sa,1,epoch_seconds,20,7", "HGs+SA,sa,1,search_seconds,5,7",
                "HGs+SA,sa,1,search_only_seconds,0.2,7",
                // a continuation without a search and a baseline-only variant: no row
                "HGs (long),sa,1,epoch_seconds,10,42", "HGs,baseline,1,epoch_seconds,9,42");
        Table t = EpochTime.table(List.of(RunData.load(run))).orElseThrow().table();
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.stringColumn("variant").get(0)).isEqualTo("HGs+SA");
        assertThat(t.intColumn("SA epochs").get(0)).isEqualTo(3);
        // mean epoch (14 + 16 + 20) / 3 = 50 / 3; search pass 15 / 3 = 5, of which the search 0.6 / 3 = 0.2
        assertThat(t.doubleColumn("SA epoch (s)").get(0)).isCloseTo(50.0 / 3, within(1e-9));
        assertThat(t.doubleColumn("search pass, forward (s)").get(0)).isCloseTo(4.8, within(1e-9));
        assertThat(t.doubleColumn("search (s)").get(0)).isCloseTo(0.2, within(1e-9));
        assertThat(t.doubleColumn("training (s)").get(0)).isCloseTo(35.0 / 3, within(1e-9));
        assertThat(t.doubleColumn("forward (% of the epoch)").get(0)).isCloseTo(100 * 4.8 * 3 / 50, within(1e-9));
        assertThat(t.doubleColumn("search (% of the epoch)").get(0)).isCloseTo(100 * 0.6 / 50, within(1e-9));
        assertThat(t.doubleColumn("training (% of the epoch)").get(0)).isCloseTo(100 * 35.0 / 50, within(1e-9));
        assertThat(t.doubleColumn("baseline epoch (s)").get(0)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aRunWithoutAnSaEpochHasNoTable() throws IOException {
        Path run = temp.resolve("plain");
        Fixtures.write(run.resolve("metrics.csv"), "variant,subset,target,metric,value");
        Fixtures.write(run.resolve("history.csv"), "variant,phase,epoch,metric,value",
                "HGs,baseline,1,epoch_seconds,9", "HGs (long),sa,1,epoch_seconds,10");
        assertThat(EpochTime.table(List.of(RunData.load(run)))).isEmpty();
    }
}
