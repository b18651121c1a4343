/**
 * The {@code resnet} backbone plugin: ResNet coordinate regression (DJL model zoo ResNetV1 with a
 * 2N-wide head) and its L1 / Wing training loss ({@link dev.sa.plugins.resnet.CoordinateLoss}).
 */
package dev.sa.plugins.resnet;
