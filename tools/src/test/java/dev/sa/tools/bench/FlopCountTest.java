package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import org.junit.jupiter.api.Test;

/** FLOPs from layer shapes against a hand computation on a tiny network. */
class FlopCountTest {
  @Test
  void convolutionsAndDenseLayersAreCountedExactlyTheRestLeftOut() {
    // (B, 3, 16, 16) -> conv 3x3 stride 2 pad 1, 8 filters, no bias -> (B, 8, 8, 8) -> BN, ReLU
    //   -> conv 1x1, 4 filters, bias -> (B, 4, 8, 8) -> flatten (256) -> dense 10, bias
    SequentialBlock net = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
            .setFilters(8).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).build())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(5, 3, 16, 16));
      FlopCount.Count c = FlopCount.of(net);
      double conv1 = 2.0 * 3 * 9 * (8 * 8 * 8); // 27 multiply-adds for each of 512 outputs
      double conv2 = (2.0 * 8 + 1) * (4 * 8 * 8); // 8 multiply-adds and a bias for each of 256 outputs
      double dense = 2.0 * 256 * 10 + 10;
      assertThat(c.forward()).isEqualTo(conv1 + conv2 + dense); // 27648 + 4352 + 5130 per sample
      assertThat(c.layers()).isEqualTo(3);
      assertThat(c.uninitialised()).isZero();
      assertThat(c.trainStep(4)).isEqualTo(3 * 4 * (conv1 + conv2 + dense));
    }
  }

  @Test
  void aBlockNeverInitialisedIsReportedNotCounted() {
    SequentialBlock net = new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2)
        .build());
    FlopCount.Count c = FlopCount.of(net);
    assertThat(c.forward()).isZero();
    assertThat(c.uninitialised()).isEqualTo(1);
  }
}
