package io.stratify.common.adapt.incident;

/** A vendor user as the identity match needs it (§8.2): id and email, nothing else. */
public record VendorUser(String id, String email) {}
