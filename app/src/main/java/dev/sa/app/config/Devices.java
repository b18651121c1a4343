package dev.sa.app.config;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config key {@code devices}, parsed once when the config is loaded: {@code cpu}, {@code gpu}
 * (GPU 0) or {@code gpu:0,1} (several distinct GPUs; the network's parameters live on the first and
 * batches are split across all).
 */
public final class Devices {
  /** What is valid, for messages. */
  public static final String VALID = "cpu, gpu or gpu:0,1 (distinct GPU numbers)";

  private final List<Device> list;

  private Devices(List<Device> list) {
    this.list = List.copyOf(list);
  }

  /** One device. */
  public static Devices of(Device device) {
    return new Devices(List.of(device));
  }

  /** Several distinct devices, the first holding the parameters. */
  public static Devices of(List<Device> devices) {
    if (devices.isEmpty() || devices.stream().distinct().count() != devices.size()) {
      throw new IllegalArgumentException("devices: one or more distinct devices are needed, got " + devices);
    }
    return new Devices(devices);
  }

  /**
   * The devices a config value names.
   *
   * @throws IllegalArgumentException naming the value and what is valid
   */
  @JsonCreator
  public static Devices parse(String spec) {
    String d = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (d.equals("cpu")) {
      return of(Device.cpu());
    }
    if (d.equals("gpu")) {
      return of(Device.gpu(0));
    }
    if (!d.startsWith("gpu:")) {
      throw new IllegalArgumentException("'" + spec + "' is not valid; use " + VALID);
    }
    List<Device> out = new ArrayList<>();
    for (String id : d.substring(4).split(",", -1)) {
      int n;
      try {
        n = Integer.parseInt(id.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new IllegalArgumentException("'" + spec + "': '" + id.trim() + "' is not a GPU number; use " + VALID);
      }
      Device g = Device.gpu(n);
      if (out.contains(g)) {
        throw new IllegalArgumentException("'" + spec + "' names GPU " + n + " twice; use " + VALID);
      }
      out.add(g);
    }
    return new Devices(out);
  }

  /** The devices in order; the parameters live on the first. */
  public List<Device> list() {
    return list;
  }

  /** The device that holds the parameters (and runs inference). */
  public Device first() {
    return list.get(0);
  }

  public int size() {
    return list.size();
  }

  /** Whether a GPU is named. */
  public boolean gpu() {
    return list.get(0).isGpu();
  }

  /** The config form: {@code cpu}, {@code gpu:0} or {@code gpu:0,1}. */
  @JsonValue
  @Override
  public String toString() {
    if (!gpu()) {
      return "cpu";
    }
    StringBuilder sb = new StringBuilder("gpu:");
    for (int i = 0; i < list.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(list.get(i).getDeviceId());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Devices other && other.list.equals(list);
  }

  @Override
  public int hashCode() {
    return list.hashCode();
  }
}
