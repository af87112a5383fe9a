package org.quorate.bench;

import java.util.Map;

/**
 * One target of issue 11 as measured: {@code value} against {@code goal}, either "at least" or
 * "at most". A target whose value could not be measured is reported as not met, never dropped.
 */
public record Target(String workload, String name, Double value, String goal, boolean met) {

  public enum Direction { AT_LEAST, AT_MOST }

  public static Target evaluate(String workload, String name, Double value, Direction direction, double bound) {
    String goal = (direction == Direction.AT_LEAST ? ">= " : "<= ") + format(bound);
    boolean met = value != null && !value.isNaN() && !value.isInfinite()
        && (direction == Direction.AT_LEAST ? value >= bound : value <= bound);
    return new Target(workload, name, value == null || value.isNaN() || value.isInfinite() ? null : value, goal, met);
  }

  /** A yes/no target (the 1 x 1,000 topology completes, the tally is exact). */
  public static Target holds(String workload, String name, boolean holds) {
    return new Target(workload, name, holds ? 1.0 : 0.0, "= 1 (true)", holds);
  }

  public static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  public Map<String, Object> toJson() {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("workload", workload);
    m.put("name", name);
    m.put("value", value);
    m.put("goal", goal);
    m.put("met", met);
    return m;
  }

  static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
