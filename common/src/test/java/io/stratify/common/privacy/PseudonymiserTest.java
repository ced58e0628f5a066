package io.stratify.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

  @Test
  void isTheKeyedHmacSha256OfTheId() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertThat(new Pseudonymiser("Jefe").pseudonym("what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void dependsOnTheKeyAndKeepsNull() {
    assertThat(new Pseudonymiser("k1").pseudonym("p1"))
        .isNotEqualTo(new Pseudonymiser("k2").pseudonym("p1"))
        .isEqualTo(new Pseudonymiser("k1").pseudonym("p1"))
        .doesNotContain("p1");
    assertThat(new Pseudonymiser("k1").pseudonym(null)).isNull();
  }
}
