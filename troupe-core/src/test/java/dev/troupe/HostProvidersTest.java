package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.host.HostProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Troupe} starts the one registered runtime, and says plainly when there is not exactly one. */
class HostProvidersTest {
    @Test
    void core_registersItsSingleNodeRuntime() {
        assertThat(HostProviders.only().getClass().getName()).isEqualTo("dev.troupe.runtime.LocalHostProvider");
    }

    @Test
    void noProvider_isAConfigurationError_thatNamesTheMissingServiceEntry() {
        assertThatThrownBy(() -> HostProviders.find(List.of())).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue())
                .hasMessageContaining("META-INF/services");
    }

    @Test
    void severalProviders_areAConfigurationError_thatNamesThem() {
        HostProvider one = HostProviders.only();
        HostProvider other = (store, types, settings) -> one.start(store, types, settings);

        assertThatThrownBy(() -> HostProviders.find(List.of(one, other))).isInstanceOf(TroupeException.class)
                .hasMessageContaining("several runtimes").hasMessageContaining("LocalHostProvider");
    }
}
