package io.stratify.common.adapt.backstage;

import java.util.Locale;

/** A Backstage entity ref, every part lower-cased (as stringifyEntityRef). */
record Ref(String kind, String namespace, String name) {
  Ref {
    kind = kind.toLowerCase(Locale.ROOT);
    namespace = namespace.toLowerCase(Locale.ROOT);
    name = name.toLowerCase(Locale.ROOT);
  }

  /** parseEntityRef: {@code [kind:][namespace/]name}. */
  static Ref parse(String text, String defaultKind, String defaultNamespace) {
    String t = text.trim();
    String kind = defaultKind;
    int colon = t.indexOf(':');
    if (colon > 0) {
      kind = t.substring(0, colon);
      t = t.substring(colon + 1);
    }
    String ns = defaultNamespace;
    int slash = t.indexOf('/');
    if (slash > 0) {
      ns = t.substring(0, slash);
      t = t.substring(slash + 1);
    }
    return new Ref(kind, ns, t);
  }

  /** The landing id: the bare name for the dataset's usual kind in namespace default. */
  String landingId(String usualKind) {
    return kind.equals(usualKind) && namespace.equals("default") ? name : toString();
  }

  @Override
  public String toString() {
    return kind + ":" + namespace + "/" + name;
  }
}
