package netsim.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows, on the element it marks, an API that simulation code may not use
 * (build-support/forbidden-in-simulation.txt, checked by forbiddenapis), where the use cannot make
 * a run's results differ. The value says why.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why this use leaves a run's results the same on every run and JVM. */
  String value();
}
