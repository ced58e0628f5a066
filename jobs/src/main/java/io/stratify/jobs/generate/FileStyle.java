package io.stratify.jobs.generate;

import java.util.function.Consumer;

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
    return with(s -> s.timestamps = t);
  }

  FileStyle withBooleans(String t, String f) {
    return with(
        s -> {
          s.trueText = t;
          s.falseText = f;
        });
  }

  FileStyle withListSeparator(String separator) {
    return with(s -> s.listSeparator = separator);
  }

  /** CR LF line ends and a byte-order mark, as Excel on Windows writes. */
  FileStyle windows() {
    return with(
        s -> {
          s.crlf = true;
          s.bom = true;
        });
  }

  FileStyle quotingAll() {
    return with(s -> s.quoteAll = true);
  }

  FileStyle titleCase(boolean on) {
    return with(s -> s.titleCaseHeader = on);
  }

  FileStyle omittingNulls() {
    return with(s -> s.omitNulls = true);
  }

  FileStyle decimalStrings() {
    return with(s -> s.decimalsAsStrings = true);
  }

  FileStyle floatInts(boolean on) {
    return with(s -> s.intsAsDecimals = on);
  }

  /** A copy with {@code change} applied: the one place a style is copied. */
  private FileStyle with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new FileStyle(
        d.timestamps,
        d.trueText,
        d.falseText,
        d.listSeparator,
        d.crlf,
        d.bom,
        d.quoteAll,
        d.titleCaseHeader,
        d.omitNulls,
        d.decimalsAsStrings,
        d.intsAsDecimals);
  }

  /** The components of a style being derived. */
  private static final class Draft {
    TimestampStyle timestamps;
    String trueText;
    String falseText;
    String listSeparator;
    boolean crlf;
    boolean bom;
    boolean quoteAll;
    boolean titleCaseHeader;
    boolean omitNulls;
    boolean decimalsAsStrings;
    boolean intsAsDecimals;

    Draft(FileStyle s) {
      timestamps = s.timestamps;
      trueText = s.trueText;
      falseText = s.falseText;
      listSeparator = s.listSeparator;
      crlf = s.crlf;
      bom = s.bom;
      quoteAll = s.quoteAll;
      titleCaseHeader = s.titleCaseHeader;
      omitNulls = s.omitNulls;
      decimalsAsStrings = s.decimalsAsStrings;
      intsAsDecimals = s.intsAsDecimals;
    }
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
