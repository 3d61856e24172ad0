package dev.connectnow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CpuPinningTest {

    @Test
    void readsLinuxCpuListsWithNumbersAndRanges() {
        assertThat(CpuPinning.parse("0")).containsExactly(0);
        assertThat(CpuPinning.parse(" 0-1\n")).containsExactly(0, 1);
        assertThat(CpuPinning.parse("4,0-2, 7")).containsExactly(0, 1, 2, 4, 7);
    }

    @Test
    void refusesWhatIsNotACpuList() {
        for (String notAList : List.of("", "a", "1-", "-1", "2-1", "1-2-3", "0,,1")) {
            assertThatThrownBy(() -> CpuPinning.parse(notAList))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a CPU list");
        }
    }

    @Test
    void writesTheShortestCpuList() {
        assertThat(CpuPinning.format(new TreeSet<>(List.of(5, 0, 1, 2)))).isEqualTo("0-2,5");
        assertThat(CpuPinning.format(new TreeSet<>(List.of(3)))).isEqualTo("3");
        assertThat(CpuPinning.format(new TreeSet<>(List.of(0, 2, 4, 5)))).isEqualTo("0,2,4-5");
        assertThat(CpuPinning.format(CpuPinning.parse("1-3,7-8"))).isEqualTo("1-3,7-8");
    }

    @Test
    void everythingElseGetsTheAllowedCpusTheProxiesLeave() {
        CpuPinning pinning = new CpuPinning(CpuPinning.parse("0"), CpuPinning.parse("0-3"));

        assertThat(pinning.describe()).isEqualTo("the proxies on CPU 0, everything else on CPU 1-3");
    }

    @Test
    void theProxiesNeedAllowedCpusAndMustLeaveSomeToTheOthers() {
        assertThatThrownBy(() -> new CpuPinning(CpuPinning.parse("2"), CpuPinning.parse("0-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be some of 0-1");
        assertThatThrownBy(() -> new CpuPinning(CpuPinning.parse("0-1"), CpuPinning.parse("0-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave none of 0-1");
    }
}
