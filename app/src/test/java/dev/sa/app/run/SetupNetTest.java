package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.train.LandmarkNet;
import dev.sa.app.train.loss.HeatmapMseLoss;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Setup#newNet}: the loss comes from the backbone plugin when it brings one
 * ({@code BackbonePlugin.loss}, the ResNet plugin's Wing loss), else the host's heatmap MSE with
 * the config's foreground weight.
 */
class SetupNetTest {
  @Test
  void theNetTrainsWithThePluginsLossElseTheHostsHeatmapLoss() {
    List<String> sets = List.of("dataset.options.trainSize=8", "dataset.options.commonSize=2",
        "dataset.options.challengeSize=2", "dataset.options.imageSize=48", "input.size=32", "input.heatmapSize=16",
        "train.workers=1", "backbone.options.channels=8", "backbone.options.stacks=1", "backbone.options.depth=1",
        "dataset.validationFraction=0", "evaluate.subsets=[full]", "train.foregroundWeight=3");
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false);
        Setup setup = new Setup(ConfigLoader.load(null, sets), host, new Progress(new PrintWriter(new StringWriter()),
            false))) {
      try (LandmarkNet hg = setup.newNet(setup.context().config())) {
        assertThat(hg.loss()).isInstanceOf(HeatmapMseLoss.class);
        assertThat(((HeatmapMseLoss) hg.loss()).foregroundWeight()).isEqualTo(3.0);
      }
      SaConfig resnet = ConfigLoader.load(null, List.of("backbone.plugin=resnet", "backbone.options={depth: 18}",
          "input.size=32", "input.heatmapSize=16")).config();
      try (LandmarkNet reg = setup.newNet(resnet)) {
        assertThat(reg.loss().getName()).isEqualTo("WingLoss");
      }
    }
  }
}
