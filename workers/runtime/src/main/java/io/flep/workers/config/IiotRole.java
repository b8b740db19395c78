package io.flep.workers.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** A job worker of the FLEP iiot role; registered only while {@code flep.roles.iiot} is true (the default). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Component
@ConditionalOnProperty(name = "flep.roles.iiot", havingValue = "true", matchIfMissing = true)
public @interface IiotRole {}
