package io.flep.workers.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** A job worker of the FLEP analyst role; registered only while {@code flep.roles.analyst} is true (the default). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Component
@ConditionalOnProperty(name = "flep.roles.analyst", havingValue = "true", matchIfMissing = true)
public @interface AnalystRole {}
