package dev.sa.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for normalisers: a stage before the backbone that predicts each face's in-plane
 * rotation from its crop, so the host can rotate the crop upright (paper Table 2, "Norm"). Plugin
 * {@code normalizer-rotation}, or a third party's.
 */
public interface NormalizerPlugin extends ExtensionPoint, Described {
  /** An untrained normaliser with the given options; the host closes it when done. */
  Normalizer create(NormalizerSpec spec);
}
