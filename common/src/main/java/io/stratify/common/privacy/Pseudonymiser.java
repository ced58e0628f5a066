package io.stratify.common.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a person id by a keyed hash (HMAC-SHA256, hex): stable for a key, so joins between
 * people and incident events still work, and not reversible without the key. The key lives in
 * configuration or the environment, never in the lakehouse.
 */
public final class Pseudonymiser implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private transient Mac mac;

  public Pseudonymiser(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Cannot pseudonymise: the key is empty");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** The pseudonym of {@code personId}, or null for null. */
  public String pseudonym(String personId) {
    if (personId == null) {
      return null;
    }
    try {
      if (mac == null) {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
      }
      return HexFormat.of().formatHex(mac.doFinal(personId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot pseudonymise: " + ALGORITHM + " is unavailable", e);
    }
  }
}
