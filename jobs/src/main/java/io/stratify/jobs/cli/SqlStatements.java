package io.stratify.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits SQL text, fed line by line, into statements at each {@code ;} outside quotes and comments,
 * remembering the line each statement starts on (for error messages). Used by the SQL prompt and by
 * statements piped into {@code stratify sql}.
 */
final class SqlStatements {

  /** One statement without its {@code ;}, and the 1-based input line it starts on. */
  record Statement(String sql, int line) {}

  private final StringBuilder text = new StringBuilder();
  private int lines;
  private int startLine;
  private boolean hasCode;
  private char quote;
  private boolean blockComment;

  /** Adds one line; returns the statements it completes, in order. */
  List<Statement> add(String line) {
    lines++;
    List<Statement> done = new ArrayList<>();
    if (text.length() > 0) {
      text.append('\n');
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
      if (blockComment) {
        text.append(c);
        if (c == '*' && next == '/') {
          text.append(next);
          i++;
          blockComment = false;
        }
      } else if (quote != 0) {
        text.append(c);
        if (c == '\\' && next != 0) {
          text.append(next);
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        text.append(line, i, line.length());
        break;
      } else if (c == '/' && next == '*') {
        text.append("/*");
        i++;
        blockComment = true;
      } else if (c == ';') {
        if (hasCode) {
          done.add(new Statement(text.toString().strip(), startLine));
        }
        text.setLength(0);
        hasCode = false;
      } else {
        if (!hasCode && !Character.isWhitespace(c)) {
          hasCode = true;
          startLine = lines;
        }
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        text.append(c);
      }
    }
    return done;
  }

  /** Whether a statement has begun and not yet ended (the prompt shows its continuation). */
  boolean pending() {
    return hasCode;
  }

  /** The statement left at the end of the input, without a closing {@code ;}, if any. */
  Optional<Statement> rest() {
    return hasCode
        ? Optional.of(new Statement(text.toString().strip(), startLine))
        : Optional.empty();
  }

  /** Forgets the statement begun so far (Ctrl-C at the prompt). */
  void clear() {
    text.setLength(0);
    hasCode = false;
    quote = 0;
    blockComment = false;
  }
}
