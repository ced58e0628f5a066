package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code focus:} configuration (ADAPTERS.md §9.2). FOCUS has no model, request or error column,
 * so those come from here or from {@code defaults}.
 *
 * @param costColumn {@code EffectiveCost} (default) or {@code BilledCost}; an explicit choice
 * @param deploymentTag key of the {@code Tags} JSON naming the deployment; null for none
 * @param resourceDeployment {@code map.resource}: ResourceId glob to deployment_id
 * @param categories ServiceCategory values kept; empty keeps all
 * @param includeCredits whether Credit and Adjustment rows count (default: skipped, counted)
 * @param modelColumn column the model name is read from ({@code SkuId}, {@code ChargeDescription}
 *     or an {@code x_} column); null uses {@code defaults.model_name}
 * @param modelMap {@code map.model}: model column value pattern to model name; empty keeps the
 *     value as it is
 * @param publisher {@code map.provider}: PublisherName/ProviderName glob to model_provider
 * @param tokenUnits ConsumedUnit values that count LLM tokens; empty fills no token column
 * @param inputTokens pattern on SkuId or ChargeDescription marking input-token rows
 * @param outputTokens pattern on SkuId or ChargeDescription marking output-token rows
 * @param currencyRates BillingCurrency to USD rate; any other non-USD currency is rejected
 * @param spreadDaily {@code spread: daily}: split a multi-day charge evenly over its UTC days
 * @param dateFormat {@code date_format} for non-ISO dates ({@code M/d/yy}); null for ISO
 */
public record FocusSettings(
    String costColumn,
    String deploymentTag,
    GlobMap resourceDeployment,
    List<String> categories,
    boolean includeCredits,
    String modelColumn,
    GlobMap modelMap,
    GlobMap publisher,
    List<String> tokenUnits,
    Pattern inputTokens,
    Pattern outputTokens,
    Map<String, BigDecimal> currencyRates,
    boolean spreadDaily,
    String dateFormat) {

  public FocusSettings {
    if (!costColumn.equals("EffectiveCost") && !costColumn.equals("BilledCost")) {
      throw new UsageConfigException(
          "Cannot use focus.cost_column '"
              + costColumn
              + "': expected EffectiveCost or BilledCost");
    }
    categories = List.copyOf(categories);
    tokenUnits = List.copyOf(tokenUnits);
    currencyRates = Map.copyOf(currencyRates);
  }

  /** EffectiveCost, no filters, no maps, no tokens: set what the bill needs with the withers. */
  public static FocusSettings defaults() {
    return new FocusSettings(
        "EffectiveCost",
        null,
        GlobMap.empty(),
        List.of(),
        false,
        null,
        GlobMap.empty(),
        GlobMap.empty(),
        List.of(),
        null,
        null,
        Map.of(),
        false,
        null);
  }

  public FocusSettings withCostColumn(String column) {
    return new FocusSettings(
        column,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withDeployment(String tag, GlobMap resources) {
    return new FocusSettings(
        costColumn,
        tag,
        resources,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withCategories(List<String> kept) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        kept,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withCredits(boolean include) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        include,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withModel(String column, GlobMap map) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        column,
        map,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withPublisher(GlobMap map) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        map,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withTokens(List<String> units, Pattern input, Pattern output) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        units,
        input,
        output,
        currencyRates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withCurrencyRates(Map<String, BigDecimal> rates) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        rates,
        spreadDaily,
        dateFormat);
  }

  public FocusSettings withSpreadDaily(boolean spread) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spread,
        dateFormat);
  }

  public FocusSettings withDateFormat(String pattern) {
    return new FocusSettings(
        costColumn,
        deploymentTag,
        resourceDeployment,
        categories,
        includeCredits,
        modelColumn,
        modelMap,
        publisher,
        tokenUnits,
        inputTokens,
        outputTokens,
        currencyRates,
        spreadDaily,
        pattern);
  }
}
