package io.stratify.jobs.generate;

import java.time.LocalDate;

/**
 * What the inventory does not say about a deployment but its usage and incidents follow: traffic,
 * token sizes, error rate, the model it really calls and when it degrades.
 */
final class DeploymentSpec {

  /** Infrastructure other deployments call, or an application. */
  enum Kind {
    APP,
    GATEWAY,
    RETRIEVER,
    EMBEDDING
  }

  final String id;
  final String name;
  final Kind kind;
  ModelCatalog.Model model;
  ModelCatalog.Model secondary;
  ModelCatalog.Model previousModel;
  LocalDate switchedOn;
  double requests;
  double inputTokens;
  double outputTokens;
  double errorRate;
  double weekendFactor;
  boolean degrades;
  LocalDate degradesOn;
  boolean latencyDegrades;
  LocalDate deprecatedOn;
  LocalDate stageSince;

  DeploymentSpec(String id, String name, Kind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }
}
