package dev.sa.app;

import dev.sa.api.ImageSource;
import java.awt.image.BufferedImage;

/** A black RGB image of a given size, for tests whose faces need an image but never look at it. */
public record BlankImage(int width, int height) implements ImageSource {
  @Override
  public BufferedImage load() {
    return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
  }

  @Override
  public String describe() {
    return "blank";
  }
}
