package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Expected values from the t table, to its printed digits, and to 15 digits from the closed form
 * for even df, P(|T| >= t) = 1 - sin(a) sum_{k < df/2} c_k cos(a)^2k with a = atan(t / sqrt(df)),
 * c_0 = 1, c_k = c_{k-1} (2k - 1) / 2k, evaluated in 60-digit decimals (and 1 - 2 atan(t) / pi for
 * df = 1).
 */
class StudentTTest {

  @Test
  void twoSidedPValuesMatchTheTable() {
    assertThat(StudentT.twoSidedPValue(2.228, 10)).as("table: 0.05").isCloseTo(0.05, within(1e-4));
    assertThat(StudentT.twoSidedPValue(2.228, 10)).isCloseTo(0.0500117718171114, within(1e-14));
    assertThat(StudentT.twoSidedPValue(-2.228, 10))
        .as("symmetric")
        .isCloseTo(0.0500117718171114, within(1e-14));
    assertThat(StudentT.twoSidedPValue(3.169, 10))
        .as("table: 0.01")
        .isCloseTo(0.0100046333643849, within(1e-14));
    assertThat(StudentT.twoSidedPValue(1.812, 10))
        .as("table: 0.10")
        .isCloseTo(0.100075262065847, within(1e-14));
    assertThat(StudentT.twoSidedPValue(2.776, 4))
        .as("table: 0.05")
        .isCloseTo(0.0500227783199764, within(1e-14));
    assertThat(StudentT.twoSidedPValue(12.706, 1))
        .as("table: 0.05")
        .isCloseTo(0.0500008023581331, within(1e-13));
  }

  @Test
  void smallPValuesKeepTheirSignificantDigits() {
    assertThat(StudentT.twoSidedPValue(20, 10))
        .as("1 - F(20) would keep only ~7 digits of this")
        .isCloseTo(2.14606231720425e-9, withinPercentage(1e-9));
  }

  @Test
  void extremes() {
    assertThat(StudentT.twoSidedPValue(0, 5)).isEqualTo(1.0);
    assertThat(StudentT.twoSidedPValue(Double.POSITIVE_INFINITY, 5)).isEqualTo(0.0);
  }

  @Test
  void quantile975MatchesTheTable() {
    assertThat(StudentT.quantile975(10)).isCloseTo(2.22813885198627, within(1e-8));
    assertThat(StudentT.quantile975(4)).isCloseTo(2.77644510519779, within(1e-8));
  }
}
