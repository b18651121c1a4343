package dev.sa.plugins.synthetic;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Map;

/** Builds options the way the host does: named keys, the rest null. */
final class TestData {
  private TestData() {}

  static SyntheticOptions options(Map<String, ?> values) {
    RecordComponent[] comps = SyntheticOptions.class.getRecordComponents();
    Class<?>[] types = new Class<?>[comps.length];
    Object[] args = new Object[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      args[i] = values.get(comps[i].getName());
    }
    for (String key : values.keySet()) {
      boolean known = false;
      for (RecordComponent c : comps) {
        known |= c.getName().equals(key);
      }
      if (!known) {
        throw new AssertionError("test uses unknown option " + key);
      }
    }
    try {
      Constructor<SyntheticOptions> ctor = SyntheticOptions.class.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static SyntheticDataset open(long seed, Map<String, ?> values) {
    Dataset d = new SyntheticDatasetPlugin().open(new DatasetContext(Path.of("unused"), seed, "dataset"), options(values));
    return (SyntheticDataset) d;
  }

  /** Small splits for fast tests. */
  static Map<String, Object> small(int train, int common, int challenge) {
    return new java.util.HashMap<>(Map.of("trainSize", train, "commonSize", common, "challengeSize", challenge));
  }
}
