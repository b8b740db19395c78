package io.flep.workers.web.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user of the web app may do. Each role includes the ones below it ({@link WebSecurityConfiguration}'s
 * role hierarchy): a viewer reads runs and their reports, an operator also starts runs, an admin also manages
 * users.
 */
public enum WebRole {
  ADMIN, OPERATOR, VIEWER;

  /** The Spring Security authority of this role, {@code ROLE_<NAME>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role named {@code value} in any case ({@code operator}, {@code OPERATOR}). */
  public static WebRole parse(String value) {
    for (WebRole role : values()) {
      if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "'; the roles are "
        + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }

  /** The role as the API and the console show it: lower case. */
  public String shown() {
    return name().toLowerCase(Locale.ROOT);
  }
}
