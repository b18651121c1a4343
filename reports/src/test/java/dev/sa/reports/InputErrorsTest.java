package dev.sa.reports;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives an IllegalArgumentException naming file, line and what is valid. */
class InputErrorsTest {

    @TempDir
    Path temp;

    private Path run(String... metricsLines) throws IOException {
        Path dir = temp.resolve("run");
        Fixtures.write(dir.resolve("metrics.csv"), metricsLines);
        return dir;
    }

    @Test
    void missingMetricsFile() {
        Path dir = temp.resolve("empty");
        assertThatThrownBy(() -> ReportBuilder.forRuns(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a directory");
        dir.toFile().mkdirs();
        assertThatThrownBy(() -> ReportBuilder.forRuns(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("metrics.csv").toString()).hasMessageContaining("variant,subset,target,metric,value");
    }

    @Test
    void rowWithTooFewFields() throws IOException {
        Path dir = run("variant,subset,target,metric,value", "HGs,full,annotation,nme,5.04", "HGs,full,annotation");
        assertThatThrownBy(() -> RunData.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("metrics.csv") + ":3:").hasMessageContaining("found 3 fields");
    }

    @Test
    void valueThatIsNotANumber() throws IOException {
        Path dir = run("variant,subset,target,metric,value", "HGs,full,annotation,nme,5,04");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("metrics.csv:2:");
        Path dir2 = run("variant,subset,target,metric,value", "HGs,full,annotation,nme,five");
        assertThatThrownBy(() -> RunData.load(dir2)).hasMessageContaining("metrics.csv:2:")
                .hasMessageContaining("'five' is not a number");
    }

    @Test
    void headerWithoutRequiredColumn() throws IOException {
        Path dir = run("variant,subset,metric,value", "HGs,full,nme,5.04");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("metrics.csv:1:")
                .hasMessageContaining("lacks column 'target'");
    }

    @Test
    void repeatedMetricRow() throws IOException {
        Path dir = run("variant,subset,target,metric,value", "HGs,full,annotation,nme,5.04", "HGs,full,annotation,nme,5.05");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("metrics.csv:3:").hasMessageContaining("line 2");
    }

    @Test
    void badFilesBesideMetrics() throws IOException {
        Path dir = run("variant,subset,target,metric,value", "HGs,full,annotation,nme,5.04");
        Fixtures.write(dir.resolve("landmark-errors.csv"), "variant,subset,target,landmark,weak,nme", "HGs,full,annotation,0,maybe,3.2");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("landmark-errors.csv:2:")
                .hasMessageContaining("true or false");
        Fixtures.write(dir.resolve("landmark-errors.csv"), "variant,subset,target,landmark,weak,nme");
        Fixtures.write(dir.resolve("history.csv"), "variant,phase,epoch,metric,value", "HGs,sa,1.5,train_loss,0.2");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("history.csv:2:").hasMessageContaining("whole number");
        Fixtures.write(dir.resolve("history.csv"), "variant,phase,epoch,metric,value");
        Fixtures.write(dir.resolve("errors.csv"), "variant,subset,target,face,nme", "HGs,full,annotation,f1,\"unterminated");
        assertThatThrownBy(() -> RunData.load(dir)).hasMessageContaining("errors.csv:2:").hasMessageContaining("quoted");
    }
}
