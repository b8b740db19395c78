package io.flep.workers.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which {@code Host} values an entry of {@code flep.web.allowed-hosts} stands for (the filter itself: WebAccessTest). */
class AllowedHostsFilterTest {
  @Test
  void anEntryWithoutAPortIsThatHostAtTheServersPort() {
    assertThat(AllowedHostsFilter.allowedHostValues(List.of("localhost", "127.0.0.1", "[::1]"), 8088))
        .containsExactlyInAnyOrder("localhost:8088", "127.0.0.1:8088", "[::1]:8088");
  }

  @Test
  void anEntryWithAPortIsExactlyThatAndPorts80And443AlsoMatchTheBareHost() {
    assertThat(AllowedHostsFilter.allowedHostValues(List.of("Flep.Example.org:443", "[::1]:9000", "proxy:80"), 8088))
        .containsExactlyInAnyOrder("flep.example.org:443", "flep.example.org", "[::1]:9000", "proxy:80", "proxy");
  }
}
