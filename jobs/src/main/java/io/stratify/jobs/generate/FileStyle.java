package io.stratify.jobs.generate;

/**
 * How one export writes its file: the variety a real landing zone gets from many tools.
 *
 * @param timestamps timestamp style
 * @param trueText how true is written in CSV ("true", "TRUE", "True")
 * @param falseText how false is written in CSV
 * @param listSeparator between CSV list items (";" or "; ")
 * @param crlf CSV lines end in CR LF
 * @param bom the file starts with a UTF-8 byte-order mark
 * @param quoteAll every CSV field is quoted
 * @param titleCaseHeader headers like {@code Org_ID} instead of {@code org_id}
 * @param omitNulls JSON objects leave null values out instead of writing null
 * @param decimalsAsStrings JSON decimals written as strings ("1200.00")
 * @param intsAsDecimals CSV integers written like floats ("2.0"), as pandas does
 */
record FileStyle(
    TimestampStyle timestamps,
    String trueText,
    String falseText,
    String listSeparator,
    boolean crlf,
    boolean bom,
    boolean quoteAll,
    boolean titleCaseHeader,
    boolean omitNulls,
    boolean decimalsAsStrings,
    boolean intsAsDecimals) {

  static final FileStyle PLAIN =
      new FileStyle(
          TimestampStyle.UTC_Z,
          "true",
          "false",
          ";",
          false,
          false,
          false,
          false,
          false,
          false,
          false);

  FileStyle withTimestamps(TimestampStyle t) {
    return new FileStyle(
        t,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle withBooleans(String t, String f) {
    return new FileStyle(
        timestamps,
        t,
        f,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle withListSeparator(String separator) {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        separator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle windows() {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        true,
        true,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle quotingAll() {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        true,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle titleCase(boolean on) {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        on,
        omitNulls,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle omittingNulls() {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        true,
        decimalsAsStrings,
        intsAsDecimals);
  }

  FileStyle decimalStrings() {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        true,
        intsAsDecimals);
  }

  FileStyle floatInts(boolean on) {
    return new FileStyle(
        timestamps,
        trueText,
        falseText,
        listSeparator,
        crlf,
        bom,
        quoteAll,
        titleCaseHeader,
        omitNulls,
        decimalsAsStrings,
        on);
  }

  /** The header of {@code column} as this export writes it. */
  String header(String column) {
    if (!titleCaseHeader) {
      return column;
    }
    StringBuilder s = new StringBuilder();
    for (String part : column.split("_")) {
      if (s.length() > 0) {
        s.append('_');
      }
      s.append(
          part.equals("id") ? "ID" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return s.toString();
  }
}
