package dev.sa.app.api;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import dev.sa.api.Landmarks;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link LandmarkTranslator} of the variant folder a DJL model was loaded from
 * ({@code Criteria.optModelPath}); see {@link ModelFolders} for the whole {@code Criteria}. The
 * Criteria argument {@code plugins} names the plugins folder (default: as {@code sa}'s).
 */
public final class LandmarkTranslatorFactory implements TranslatorFactory {
  @Override
  public Set<Pair<Type, Type>> getSupportedTypes() {
    return Set.of(new Pair<>(Image.class, Landmarks.class));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
      throws TranslateException {
    if (!isSupported(input, output)) {
      throw new IllegalArgumentException("sa's translator maps " + Image.class.getName() + " to "
          + Landmarks.class.getName() + ", not " + input.getName() + " to " + output.getName());
    }
    try {
      Object plugins = arguments == null ? null : arguments.get("plugins");
      return (Translator<I, O>) ModelFolders.translator(model.getModelPath(),
          plugins == null ? null : Path.of(plugins.toString()));
    } catch (IOException e) {
      throw new TranslateException(model.getModelPath() + ": " + e.getMessage(), e);
    }
  }
}
