package dev.sa.app.api;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.sa.api.Backbone;
import dev.sa.api.EngineArrays;
import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.app.data.Cropper;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.eval.Inference;
import dev.sa.app.method.Frames;
import dev.sa.app.train.LandmarkNet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * DJL translator of a trained variant: an {@link Image} of one face in, its {@link Landmarks} in
 * that image's pixels out. The image is the frame training cropped: the face box enlarged by the
 * data set's box scale ({@link Landmarker#cropBox}); it is resampled to the network's input as
 * training crops are ({@link Cropper}), and the output decoded as {@code sa predict} decodes it
 * (heatmap argmax with sub-pixel refinement, or coordinates). Batches stack.
 *
 * <p>{@link #prepare} loads the variant's trained parameters into the model's block, once per model.
 */
public final class LandmarkTranslator implements Translator<Image, Landmarks> {
  private static final String LOADED = "sa.parametersLoaded";
  private static final String CROP = "sa.crop";

  private final Frames frames;
  private final HeatmapCodec codec;
  private final Backbone.Output output;
  private final Path checkpoint;

  LandmarkTranslator(Frames frames, HeatmapCodec codec, Backbone.Output output, Path checkpoint) {
    this.frames = frames;
    this.codec = codec;
    this.output = output;
    this.checkpoint = checkpoint;
  }

  @Override
  public void prepare(TranslatorContext ctx) throws Exception {
    Model model = ctx.getModel();
    synchronized (model) {
      if (model.getProperty(LOADED) != null) {
        return;
      }
      Block block = ctx.getBlock();
      NDManager manager = model.getNDManager();
      int s = frames.inputSize();
      if (!block.isInitialized()) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s));
      }
      LandmarkNet.loadParameters(block, manager, checkpoint);
      model.setProperty(LOADED, checkpoint.toString());
    }
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Image input) {
    BufferedImage image = buffered(input);
    int s = frames.inputSize();
    // Pixel centres sit at integer coordinates: the image covers [-0.5, w - 0.5] x [-0.5, h - 0.5].
    Frames.CropTransform t = frames.plain(new FaceBox(-0.5, -0.5, image.getWidth() - 0.5, image.getHeight() - 0.5));
    float[] crop = new float[3 * s * s];
    Cropper.crop(image, t, s, crop, 0);
    ctx.setAttachment(CROP, t);
    return new NDList(EngineArrays.create(ctx.getNDManager(), crop, new Shape(3, s, s)));
  }

  @Override
  public Landmarks processOutput(TranslatorContext ctx, NDList list) {
    NDArray last = list.get(list.size() - 1);
    Frames.CropTransform t = (Frames.CropTransform) ctx.getAttachment(CROP);
    return Inference.decodeFace(output, codec, frames, t, last.toFloatArray(), 0, null, 0);
  }

  /** The image's pixels as a {@link BufferedImage} (DJL's default image factory wraps one already). */
  static BufferedImage buffered(Image input) {
    if (input.getWrappedImage() instanceof BufferedImage b) {
      return b;
    }
    int w = input.getWidth();
    int h = input.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    try (NDManager m = NDManager.newBaseManager()) {
      byte[] rgb = input.toNDArray(m, Image.Flag.COLOR).toType(DataType.UINT8, false).toByteArray();
      for (int i = 0; i < w * h; i++) {
        out.setRGB(i % w, i / w, (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff));
      }
    }
    return out;
  }
}
