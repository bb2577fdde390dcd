package dev.latent.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one key of a configuration record and gives its default.
 *
 * <p>Put it on a record component. A component without a default is required: a manifest that
 * leaves it out is rejected with its path. Defaults are written as they would be in YAML:
 * {@code "0.001"}, {@code "[512, 128, 32]"}, {@code "relu"}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Setting {

    /** Marks a key without a default (required). */
    String REQUIRED = "\u0000required";

    /** What the key means, with its unit or range. */
    String value();

    /** The default, in YAML syntax; {@link #REQUIRED} when the key must be given. */
    String defaultValue() default REQUIRED;
}
