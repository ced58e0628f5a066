package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code focus} (ADAPTERS.md §9.2): FinOps FOCUS 1.0–1.2 cost and usage rows to inference_usage
 * cost, streamed row by row and summed per (UTC date, deployment, model); only the per-key sums
 * stay in memory.
 *
 * <p>Order of the rules, so every row is counted once: ServiceCategory filter (skip {@code
 * service_category}), cost parse ({@code invalid_number}: a bill with unreadable amounts is
 * reported even on rows later dropped), ChargeCategory (Purchase and Tax skip {@code
 * charge_category}, Credit and Adjustment skip {@code credits} unless included), currency ({@code
 * non_usd_currency}), charge period ({@code multi_day_charge}), deployment ({@code unallocated}),
 * model; then aggregates with negative net cost are rejected ({@code negative_net_cost}).
 */
final class FocusFormat extends UsageFormat {
  static final String NAME = "focus";

  FocusFormat() {
    super(NAME, /* rejectsNegativeCost= */ true);
  }

  @Override
  List<ColumnSource> vendorSources(
      UsageSection section, String column, UsageRole role, AdapterConfig config) {
    FocusSettings focus = section.focus();
    return switch (column) {
      case "usage_date" -> List.of(ColumnSource.always("ChargePeriodStart (UTC)"));
      case "deployment_id" ->
          List.of(
              ColumnSource.always(
                  (focus.deploymentTag() == null ? "" : "Tags." + focus.deploymentTag() + " > ")
                      + "map.resource (ResourceId)"
                      + (focus.assignUnallocated()
                          ? ""
                          : ", else REJECT unallocated (cost summed in the report)")));
      case "model_name" ->
          focus.modelFrom() == null
              ? List.of()
              : List.of(
                  ColumnSource.always(
                      focus.modelFrom()
                          + (section.map("model").isEmpty() ? "" : " (map.model)")
                          + (section.defaults().containsKey("model_name")
                              ? ""
                              : ", else REJECT no_key")));
      case "model_provider" ->
          List.of(ColumnSource.always("PublisherName > ProviderName (map.provider)"));
      case "input_tokens", "output_tokens" ->
          focus.tokenUnits().isEmpty()
              ? List.of()
              : List.of(
                  ColumnSource.always(
                      "ConsumedQuantity in "
                          + focus.tokenUnits()
                          + " matching "
                          + column
                          + " (no token row: empty)"));
      case "cost_usd" ->
          List.of(
              ColumnSource.always(
                  focus.costColumn()
                      + (focus.currencyRates().isEmpty()
                          ? " (USD only)"
                          : " (USD, or " + focus.currencyRates().keySet() + " at the rate)")));
      default -> List.of();
    };
  }

  @Override
  void read(UsageFeed feed, List<AdapterRun.Input> inputs) throws IOException {
    Rows rows = new Rows(feed);
    for (AdapterRun.Input input : inputs) {
      String name = input.name();
      if (name.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
        FocusParquet.read(
            input.path(),
            name,
            rows.columns(),
            new FocusParquet.Sink() {
              @Override
              public void row(Function<String, String> column, String position) {
                rows.row(c -> nullable(column.apply(c)), name, position);
              }

              @Override
              public void unreadable(long records, String position, String why) {
                rows.ledger.unreadable(name, records, position, why);
              }
            });
        continue;
      }
      try (InputStream in = Files.newInputStream(input.path());
          CSVParser parser = csv(in)) {
        Map<String, Integer> header = parser.getHeaderMap();
        Iterator<CSVRecord> it = parser.iterator();
        while (it.hasNext()) {
          CSVRecord record = it.next();
          rows.row(
              column -> {
                Integer i = header.get(column);
                return i == null || i >= record.size() ? null : nullable(record.get(i));
              },
              name,
              "line " + parser.getCurrentLineNumber());
        }
      }
    }
  }

  private static CSVParser csv(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    Reader body = reader;
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true)
        .setAllowMissingColumnNames(true)
        .build()
        .parse(body);
  }

  /** FOCUS exports write an unquoted {@code NULL} beside quoted empties: both are null. */
  private static String nullable(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() || trimmed.equals("NULL") ? null : value;
  }

  /** One run's FOCUS rules over rows given as column lookups (CSV or Parquet). */
  private static final class Rows {
    private final UsageSection settings;
    private final FocusSettings focus;
    private final UsageLedger ledger;
    private final UsageAggregate aggregate;

    Rows(UsageFeed feed) {
      this.settings = feed.section();
      this.focus = feed.section().focus();
      this.ledger = feed.ledger();
      this.aggregate = feed.aggregate();
    }

    /** The FOCUS columns the rules read (the Parquet projection). */
    Set<String> columns() {
      Set<String> names =
          new HashSet<>(
              List.of(
                  "Id",
                  "ResourceId",
                  "SkuPriceId",
                  "ServiceCategory",
                  "ChargeCategory",
                  "BillingCurrency",
                  "ChargePeriodStart",
                  "ChargePeriodEnd",
                  "Tags",
                  "PublisherName",
                  "ProviderName",
                  "PricingCurrency",
                  "ConsumedUnit",
                  "ConsumedQuantity",
                  "SkuId",
                  "ChargeDescription",
                  focus.costColumn()));
      if (focus.modelFrom() != null) {
        names.add(focus.modelFrom());
      }
      return names;
    }

    /** One FOCUS row given as a column-name lookup, so CSV and Parquet share the rules. */
    void row(Function<String, String> col, String file, String position) {
      ledger.read(file);
      String id = first(col.apply("Id"), col.apply("ResourceId"), col.apply("SkuPriceId"));
      String category = col.apply("ServiceCategory");
      if (!focus.categories().isEmpty() && !focus.categories().contains(category)) {
        ledger.skip(file, "service_category");
        return;
      }
      BigDecimal cost;
      try {
        String text = col.apply(focus.costColumn());
        cost = text == null ? null : new BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        cost = null;
      }
      if (cost == null) {
        ledger.reject(file, position, id, "invalid_number", null);
        return;
      }
      String charge = col.apply("ChargeCategory");
      String chargeLower = charge == null ? "" : charge.toLowerCase(Locale.ROOT);
      if (chargeLower.equals("purchase") || chargeLower.equals("tax")) {
        ledger.skip(file, "charge_category");
        return;
      }
      if ((chargeLower.equals("credit") || chargeLower.equals("adjustment"))
          && !focus.includeCredits()) {
        ledger.skip(file, "credits");
        return;
      }
      String currency = col.apply("BillingCurrency");
      // A row without BillingCurrency (some specification examples) states no currency: not USD.
      if (currency == null || !currency.strip().equalsIgnoreCase("USD")) {
        BigDecimal rate =
            currency == null
                ? null
                : focus.currencyRates().get(currency.strip().toUpperCase(Locale.ROOT));
        if (rate == null) {
          ledger.reject(file, position, id, "non_usd_currency", cost);
          return;
        }
        cost = cost.multiply(rate);
      }
      Instant start;
      Instant end;
      try {
        start = time(col.apply("ChargePeriodStart"), position);
        String endText = col.apply("ChargePeriodEnd");
        end = endText == null ? start : time(endText, null);
      } catch (DateTimeParseException | NullPointerException e) {
        ledger.reject(file, position, id, "unparseable", cost);
        return;
      }
      long seconds = Duration.between(start, end).toSeconds();
      int days = (int) Math.max(1, (seconds + 86_399) / 86_400);
      if (days > 1 && !focus.spreadDaily()) {
        ledger.reject(file, position, id, "multi_day_charge", cost);
        return;
      }
      String deployment = deployment(col);
      if (deployment == null) {
        ledger.reject(file, position, id, "unallocated", cost);
        return;
      }
      String model = model(col);
      if (model == null) {
        ledger.reject(file, position, id, "no_key", cost);
        return;
      }
      String provider = provider(col);
      Long[] tokens = tokens(col);
      LocalDate firstDay = start.atOffset(ZoneOffset.UTC).toLocalDate();
      BigDecimal share =
          days == 1 ? cost : cost.divide(BigDecimal.valueOf(days), 12, RoundingMode.HALF_EVEN);
      BigDecimal remaining = cost;
      for (int d = 0; d < days; d++) {
        UsageKey key = new UsageKey(firstDay.plusDays(d), deployment, model);
        DailyUsage day = aggregate.at(key);
        if (d == 0) {
          day.record(file, position);
        } else {
          day.touch(file, position);
        }
        BigDecimal part = d == days - 1 ? remaining : share;
        remaining = remaining.subtract(part);
        day.addCost(part);
        if (day.provider == null) {
          day.provider = provider;
        }
        if (day.tier == null) {
          day.tier = settings.map("model_tier").apply(model).orElse(null);
        }
        day.addInputTokens(split(tokens[0], days, d));
        day.addOutputTokens(split(tokens[1], days, d));
      }
    }

    private static Long split(Long total, int days, int day) {
      if (total == null) {
        return null;
      }
      long base = total / days;
      return day == days - 1 ? total - base * (days - 1) : base;
    }

    /** A parsed period bound and whether it had no zone. */
    private record Bound(Instant instant, boolean naive) {}

    /**
     * Bills repeat few distinct period texts (one per hour or day), so parsed bounds and tag values
     * are cached per text (bounded): parsing each row's text again was most of the time.
     */
    private final Map<String, Bound> bounds = new HashMap<>();

    private final Map<String, Optional<String>> tagValues = new HashMap<>();

    private static final int CACHE_LIMIT = 100_000;

    /** Naive FOCUS times are UTC by the FOCUS spec: assumed, and counted as WARN assumed_utc. */
    private Instant time(String text, String position) {
      Bound bound = bounds.get(text);
      if (bound == null) {
        bound = parse(text.strip());
        if (bounds.size() >= CACHE_LIMIT) {
          bounds.clear();
        }
        bounds.put(text, bound);
      }
      if (bound.naive() && position != null) {
        ledger.warn("assumed_utc", position);
      }
      return bound.instant();
    }

    private Bound parse(String value) {
      if (focus.dateFormat() != null) {
        return new Bound(
            LocalDate.parse(value, focus.dateFormat()).atStartOfDay(ZoneOffset.UTC).toInstant(),
            true);
      }
      String iso = value.replace(' ', 'T');
      try {
        return new Bound(OffsetDateTime.parse(iso).toInstant(), false);
      } catch (DateTimeParseException naive) {
        if (iso.endsWith("Z")) {
          return new Bound(Instant.parse(iso), false);
        }
        return new Bound(
            iso.length() == 10
                ? LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant()
                : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC),
            true);
      }
    }

    private String cachedTag(String tags, String key) {
      Optional<String> value = tagValues.get(tags);
      if (value == null) {
        value = Optional.ofNullable(tag(tags, key));
        if (tagValues.size() >= CACHE_LIMIT) {
          tagValues.clear();
        }
        tagValues.put(tags, value);
      }
      return value.orElse(null);
    }

    private String deployment(Function<String, String> col) {
      if (focus.deploymentTag() != null) {
        String tags = col.apply("Tags");
        if (tags != null) {
          String tagged = cachedTag(tags, focus.deploymentTag());
          if (tagged != null) {
            return settings.map("deployment").apply(tagged).orElse(tagged);
          }
        }
      }
      String resource = col.apply("ResourceId");
      String mapped = settings.map("resource").apply(resource).orElse(null);
      return mapped != null
          ? mapped
          : focus.assignUnallocated() ? settings.defaults().get("deployment_id") : null;
    }

    /** Tag keys are compared trimmed: real exports carry keys like {@code " org"}. */
    private static String tag(String json, String key) {
      try {
        JsonNode tags = VendorJson.MAPPER.readTree(json);
        if (tags == null || !tags.isObject()) {
          return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().strip().equals(key) && !e.getValue().isNull()) {
            String value = e.getValue().asText().strip();
            return value.isEmpty() ? null : value;
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    }

    private String model(Function<String, String> col) {
      if (focus.modelFrom() != null) {
        String value = col.apply(focus.modelFrom());
        if (value != null) {
          if (settings.map("model").isEmpty()) {
            return value.strip();
          }
          String mapped = settings.map("model").apply(value.strip()).orElse(null);
          if (mapped != null) {
            return mapped;
          }
        }
      }
      return settings.defaults().get("model_name");
    }

    private final Map<String, String> providerCache = new HashMap<>();

    private String provider(Function<String, String> col) {
      String vendor = first(col.apply("PublisherName"), col.apply("ProviderName"));
      if (vendor == null) {
        return null;
      }
      return providerCache.computeIfAbsent(
          vendor,
          v ->
              settings.map("provider").apply(v.strip()).orElse(v.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * Input and output tokens of a token-priced row; none for other units, and none for a
     * virtual-currency price (FOCUS 1.2 {@code PricingCurrency} other than the billing currency,
     * e.g. {@code Token}): those are vendor credits, not LLM tokens.
     */
    private Long[] tokens(Function<String, String> col) {
      Long[] none = {null, null};
      if (focus.tokenUnits().isEmpty()) {
        return none;
      }
      String pricingCurrency = col.apply("PricingCurrency");
      String billingCurrency = col.apply("BillingCurrency");
      if (pricingCurrency != null && !pricingCurrency.strip().equals(billingCurrency)) {
        return none;
      }
      String unit = col.apply("ConsumedUnit");
      String quantity = col.apply("ConsumedQuantity");
      if (unit == null || quantity == null || !focus.tokenUnits().contains(unit.strip())) {
        return none;
      }
      long count;
      try {
        count = new BigDecimal(quantity.strip()).setScale(0, RoundingMode.HALF_UP).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        return none;
      }
      String label =
          first(col.apply("SkuId"), "") + " " + first(col.apply("ChargeDescription"), "");
      if (focus.outputTokens() != null && focus.outputTokens().matcher(label).find()) {
        return new Long[] {0L, count};
      }
      if (focus.inputTokens() != null && focus.inputTokens().matcher(label).find()) {
        return new Long[] {count, 0L};
      }
      return none;
    }

    private static String first(String a, String b) {
      return a != null ? a : b;
    }

    private static String first(String a, String b, String c) {
      return a != null ? a : b != null ? b : c;
    }
  }
}
