package dev.sa.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {
  @Test
  void pf4jIndexNamesTheExtension() throws IOException {
    // Without this file PF4J silently finds no extension in the plugin jar.
    Path index = Path.of("target/classes/META-INF/extensions.idx");
    assertThat(Files.readAllLines(index)).contains(ResNetPlugin.class.getName());
  }
}
