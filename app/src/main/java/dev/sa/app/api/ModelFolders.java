package dev.sa.app.api;

import ai.djl.nn.Block;
import dev.sa.api.LandmarkScheme;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.method.Frames;
import dev.sa.app.predict.Predictor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained variant folder ({@code RUN/variants/NAME}) as a DJL model:
 *
 * <pre>{@code
 * Criteria<Image, Landmarks> criteria = Criteria.builder().setTypes(Image.class, Landmarks.class)
 *     .optModelPath(variantDir).optBlock(ModelFolders.block(variantDir))
 *     .optOption("hasParameter", "false").optTranslatorFactory(new LandmarkTranslatorFactory()).build();
 * }</pre>
 *
 * <p>DJL cannot rebuild the network from the folder alone: the block comes from the run's backbone
 * plugin with its options, so {@link #block} builds it ({@code optBlock}). Its trained parameters
 * are in the variant's checkpoint ({@code ckpt/epoch-N/model.params}, DJL's
 * {@code Block.saveParameters} form, possibly in the folder of a variant that shares the training or
 * in the baseline's), not in a {@code NAME-0000.params} that the engine would look for; so
 * {@code hasParameter=false} tells the engine not to look, and the translator loads them into the
 * block when the first predictor is prepared. The refiner of a variant is not applied here (use
 * {@link Landmarker} for it).
 */
public final class ModelFolders {
  static {
    QuietLogs.apply();
  }

  private ModelFolders() {}

  /**
   * The untrained block of the variant at {@code variantDir}, built by the run's backbone plugin from
   * the default plugins folder (as {@link Landmarker#load(Path, String)}).
   */
  public static Block block(Path variantDir) throws IOException {
    return block(variantDir, null);
  }

  /**
   * As {@link #block(Path)}, with the plugins of {@code pluginsDir}; give the same folder to the
   * translator factory as the Criteria argument {@code plugins}.
   */
  public static Block block(Path variantDir, Path pluginsDir) throws IOException {
    RunVariant v = RunVariant.ofFolder(variantDir, pluginsDir);
    SaConfig c = v.trained().variant().config();
    LandmarkScheme scheme = v.host().dataset(c.dataset().plugin(), v.source() + ": dataset.plugin").scheme();
    return Predictor.backbone(c, scheme, v.host(), v.source()).block();
  }

  /** The translator of the variant at {@code variantDir}: crop, decoding and its checkpoint. */
  static LandmarkTranslator translator(Path variantDir, Path pluginsDir) throws IOException {
    RunVariant v = RunVariant.ofFolder(variantDir, pluginsDir);
    SaConfig c = v.trained().variant().config();
    LandmarkScheme scheme = v.host().dataset(c.dataset().plugin(), v.source() + ": dataset.plugin").scheme();
    Frames frames = new Frames(c.input().size(), c.input().heatmapSize(), c.input().boxScale(),
        scheme.flipPermutation());
    return new LandmarkTranslator(frames, new HeatmapCodec(c.input().heatmapSize(), c.input().sigma()),
        Predictor.backbone(c, scheme, v.host(), v.source()).output(), v.trained().checkpoint());
  }
}
